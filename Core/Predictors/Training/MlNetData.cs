using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>A row of a fixed-length feature vector and a numeric label, as ML.NET reads it.</summary>
internal sealed class RegressionRow
{
    public float[] Features { get; set; } = [];
    public float Label { get; set; }
}

internal sealed class BinaryRow
{
    public float[] Features { get; set; } = [];
    public bool Label { get; set; }
}

/// <summary>
/// Turns feature vectors into ML.NET data views whose vector size is known at run time, and
/// scores batches through a trained transformer (Transform is thread-safe; a PredictionEngine is not).
/// </summary>
internal static class MlNetData
{
    public static IDataView Regression(MLContext context, IEnumerable<(float[] Features, float Label)> rows, int length) =>
        context.Data.LoadFromEnumerable(rows.Select(r => new RegressionRow { Features = r.Features, Label = r.Label }), Schema<RegressionRow>(length));

    public static IDataView Binary(MLContext context, IEnumerable<(float[] Features, bool Label)> rows, int length) =>
        context.Data.LoadFromEnumerable(rows.Select(r => new BinaryRow { Features = r.Features, Label = r.Label }), Schema<BinaryRow>(length));

    public static float[] Score(MLContext context, ITransformer model, IReadOnlyList<float[]> vectors, int length, string column)
    {
        if (vectors.Count == 0)
        {
            return [];
        }
        var data = context.Data.LoadFromEnumerable(vectors.Select(v => new RegressionRow { Features = v }), Schema<RegressionRow>(length));
        return [.. model.Transform(data).GetColumn<float>(column)];
    }

    public static SchemaDefinition Schema<T>(int length)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(RegressionRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return schema;
    }
}
