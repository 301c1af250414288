using System.Globalization;
using System.Text;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>Per-project tables, the models' figures beside the naive baselines.</summary>
internal static class CliTables
{
    public static string Builds(BuildEvaluationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"failure risk champion: {report.ChampionTrainer}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"project",-36} {"test",5} {"F1",6} {"AUC",6} {"F1prev",6} {"MAE s",7} {"R2",6} {"MAEprev",7}");
        foreach (var p in report.Projects)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Trim(p.Project),-36} {p.TestBuilds,5} {p.ChampionF1,6:0.000} {p.ChampionAuc,6:0.000} {p.PreviousFailedF1,6:0.000} {p.Mae,7:0} {p.R2,6:0.00} {p.PreviousDurationMae,7:0}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"{"mean",-36} {"",5} {report.MeanF1,6:0.000} {report.MeanAuc,6:0.000} {report.MeanPreviousFailedF1,6:0.000} {report.MeanMae,7:0} {report.MeanR2,6:0.00} {report.MeanPreviousDurationMae,7:0}");
        return text.ToString();
    }

    public static string Tests(TestSelectionEvaluationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"test data",-36} {"cycles",6} {"APFD",6} {"naive",6} {"random",6} {"APFDc",6} {"time%",6}");
        foreach (var p in report.Projects)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Trim(p.Project),-36} {p.CyclesWithFailures,6} {p.Model.Apfd,6:0.000} {p.Naive.Apfd,6:0.000} {p.Random.Apfd,6:0.000} {p.Model.ApfdCost,6:0.000} {p.Model.TimeShareToCatchAll * 100,6:0.0}");
        }
        return text.ToString();
    }

    private static string Trim(string name) => name.Length <= 36 ? name : name[..35] + "…";
}
