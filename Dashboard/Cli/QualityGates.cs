using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Dashboard.Cli;

public sealed record GateResult(string Name, double Required, double Actual, bool Minimum, bool Passed);

/// <summary>The CLI's --min-*/--max-* options checked against the evaluation's means.</summary>
internal sealed class QualityGates(CliArguments options)
{
    private readonly double? _minF1 = options.Number("min-f1", 0, 1);
    private readonly double? _minAuc = options.Number("min-auc", 0, 1);
    private readonly double? _minR2 = options.Number("min-r2", double.MinValue, 1);
    private readonly double? _maxMae = options.Number("max-mae", 0);
    private readonly double? _minApfd = options.Number("min-apfd", 0, 1);

    public IEnumerable<string> Check(bool builds, bool tests)
    {
        if (!builds && (_minF1 ?? _minAuc ?? _minR2 ?? _maxMae) is not null)
        {
            yield return "--min-f1, --min-auc, --min-r2 and --max-mae need --builds.";
        }
        if (!tests && _minApfd is not null)
        {
            yield return "--min-apfd needs --tests.";
        }
    }

    public List<GateResult> Evaluate(BuildEvaluationReport? builds, TestSelectionEvaluationReport? tests)
    {
        var results = new List<GateResult>();
        void Add(string name, double? required, double actual, bool minimum)
        {
            if (required is { } r)
            {
                // A figure that could not be computed (NaN) fails its gate: no data is not a pass.
                results.Add(new GateResult(name, r, actual, minimum, !double.IsNaN(actual) && (minimum ? actual >= r : actual <= r)));
            }
        }
        if (builds is not null)
        {
            Add("mean F1 (failed class)", _minF1, builds.MeanF1, true);
            Add("mean ROC AUC", _minAuc, builds.MeanAuc, true);
            Add("mean R² (build time)", _minR2, builds.MeanR2, true);
            Add("mean MAE seconds (build time)", _maxMae, builds.MeanMae, false);
        }
        if (tests is not null)
        {
            Add("mean APFD", _minApfd, tests.MeanApfd, true);
        }
        return results;
    }
}
