using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Bench.Predictors;

/// <summary>
/// A measurement, not a product path: FastTree's LambdaRank objective with the CI cycle as the
/// query group, on the test-case vector, under the same protocol as the product's pointwise forest
/// (first part of the cycles trains, the rest are scored online, refitted every N new runs, never on
/// the cycle being ordered). Run: predictors [datasets] --only tests-ranking --file iofrol [--train-share 0.6 --until 0.8].
/// </summary>
public static class TestRankingProbe
{
    private sealed class RankRow
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public uint Group { get; set; }
    }

    public static int Run(string datasets, string[] args)
    {
        double Option(string name, double fallback)
        {
            var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return value is null ? fallback : double.Parse(value, CultureInfo.InvariantCulture);
        }
        var file = args.SkipWhile(a => a != "--file").Skip(1).FirstOrDefault() ?? "iofrol";
        var examples = TestVerdictImporter.ReadFile(Path.Combine(datasets, "test-prioritisation", file + ".csv"));
        var cycles = examples.Select(e => e.Cycle).Distinct().Order().ToList();
        var start = cycles[(int)Math.Floor(cycles.Count * Option("--train-share", 0.8))];
        var until = Option("--until", 1);
        var end = until >= 1 ? long.MaxValue : cycles[(int)Math.Floor(cycles.Count * until)];
        var refitAfter = (int)Option("--retrain-after", 250);
        var context = new MLContext(seed: 7);
        var width = TestCaseFeatureVector.Length;
        var schema = SchemaDefinition.Create(typeof(RankRow));
        schema[nameof(RankRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        ITransformer Fit(long before)
        {
            var rows = examples.Where(e => e.Cycle < before).Select(e => new RankRow
            {
                Features = TestCaseFeatureVector.ToVector(e.Features),
                Label = e.Failed ? 1 : 0,
                Group = (uint)e.Cycle,
            });
            var data = context.Data.LoadFromEnumerable(rows, schema);
            var pipeline = context.Transforms.Conversion.MapValueToKey("GroupKey", nameof(RankRow.Group))
                .Append(context.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
                {
                    LabelColumnName = nameof(RankRow.Label),
                    FeatureColumnName = nameof(RankRow.Features),
                    RowGroupColumnName = "GroupKey",
                    NumberOfTrees = (int)Option("--trees", 100),
                    NumberOfLeaves = (int)Option("--leaves", 32),
                    MinimumExampleCountPerLeaf = 10,
                    NumberOfThreads = 2,
                }));
            return pipeline.Fit(data);
        }
        var model = Fit(start);
        var unseen = 0;
        var apfd = new List<double>();
        foreach (var cycle in examples.Where(e => e.Cycle >= start && e.Cycle < end).GroupBy(e => e.Cycle).OrderBy(g => g.Key))
        {
            var runs = cycle.ToList();
            if (refitAfter > 0 && unseen >= refitAfter)
            {
                model = Fit(cycle.Key);
                unseen = 0;
            }
            if (runs.Any(r => r.Failed))
            {
                var data = context.Data.LoadFromEnumerable(runs.Select(r => new RankRow { Features = TestCaseFeatureVector.ToVector(r.Features), Group = 0 }), schema);
                var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
                var order = Enumerable.Range(0, runs.Count).OrderByDescending(i => scores[i]).ThenBy(i => runs[i].Features.DurationSeconds).ToList();
                apfd.Add(QualityMetrics.Apfd([.. order.Select(i => runs[i].Failed)]));
            }
            unseen += runs.Count;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FastTree LambdaRank (cycle = query) on {file}, cycles {start}..{(end == long.MaxValue ? cycles[^1] : end - 1)}: mean APFD {apfd.Average():0.000} over {apfd.Count} cycles with failures"));
        return 0;
    }
}
