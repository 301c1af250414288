using System.Globalization;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>
/// Which kind of drift: inputs moved (data drift), the input-output relation moved (concept
/// drift: accuracy falls while inputs look alike), or an old model slowly losing accuracy (decay).
/// </summary>
public sealed class ModelDriftRules : IIncidentRule
{
    private const double MeaningfulAccuracyDrop = 0.03;
    private const double OldModelDays = 60;

    public IEnumerable<Finding> Evaluate(IncidentFacts facts)
    {
        if (facts.Incident.Drift is not { } drift)
        {
            yield break;
        }
        var drop = drift.BaselineAccuracy is { } before && drift.CurrentAccuracy is { } now ? before - now : (double?)null;
        var inputsDrifted = drift.Score > drift.Threshold;
        var strongInputDrift = drift.Score >= 2 * drift.Threshold;
        var top = drift.TopFeatures.OrderByDescending(f => f.Score).Take(3).ToList();
        var evidence = new List<string>
        {
            F($"Drift score {drift.Score:0.###} against threshold {drift.Threshold:0.###} for {drift.Model} {drift.Version}."),
        };
        evidence.AddRange(top.Select(f => F($"Feature {f.Name}: score {f.Score:0.###}{(f.Drifted == true ? " (drifted)" : "")}{(f.Test is not null ? $", {f.Test}" : "")}{(f.Baseline is not null ? $", baseline {f.Baseline} → current {f.Current}" : "")}.")));
        if (drift.Since is { } since)
        {
            evidence.Add(F($"Drifting since {since:yyyy-MM-dd HH:mm} UTC: {drift.DriftedWindows} window(s) in a row{(drift.DriftedShare is { } share ? $", {share:P0} of features in the latest" : "")}."));
        }
        if (drift.PrecedingDeploy is { } deploy)
        {
            evidence.Add(F($"Deploy before drift began: {Short(deploy.Sha)} \"{deploy.Message.Split('\n')[0]}\" by {deploy.Author} at {deploy.When:yyyy-MM-dd HH:mm} UTC{(drift.Since is { } began ? $" ({Minutes(began - deploy.When)} relative to the start of the first drifted window)" : "")}."));
        }
        if (drop is { } d)
        {
            evidence.Add(F($"Accuracy {drift.BaselineAccuracy:P1} → {drift.CurrentAccuracy:P1} ({d:+0.0%;-0.0%})."));
        }
        if (drift.LabelShift is { } shift)
        {
            evidence.Add(F($"Label distribution shift {shift:0.###}."));
        }
        if (drift.ModelAgeDays is { } age)
        {
            evidence.Add(F($"Model trained {age:0} days ago."));
        }
        var severeDrop = drop > 0.1;
        if (drop > MeaningfulAccuracyDrop && (!inputsDrifted || drift.LabelShift > drift.Threshold))
        {
            yield return Cause("drift-concept", "Concept drift: the relation between inputs and outcomes changed while the inputs look alike",
                0.8, evidence, "Retrain on recent labelled data; until then consider rolling back to a version trained closer to today's data.", severeDrop);
        }
        if (inputsDrifted)
        {
            yield return Cause("drift-data", $"Data drift: the inputs moved away from the training data{(top.Count > 0 ? $", mostly {string.Join(", ", top.Select(f => f.Name))}" : "")}",
                (strongInputDrift ? 0.8 : 0.6) - (drop > MeaningfulAccuracyDrop ? 0.1 : 0), evidence,
                "Check the upstream source of the drifted features (a pipeline change, a new client, a unit change); if the new distribution is real, retrain with it.", severeDrop);
        }
        if (drift.PrecedingDeploy is { } deployed && inputsDrifted && DeployStartedIt(drift, deployed))
        {
            var switched = drift.PreviousVersion is { } previous && previous != drift.Version;
            yield return Cause("drift-after-deploy",
                switched ? $"Drift began with the switch from version {drift.PreviousVersion} to {drift.Version} (deploy {Short(deployed.Sha)})"
                         : $"Drift began right after deploy {Short(deployed.Sha)}: the change may alter what the model receives",
                // A version switch in the very window drift began is the strongest single signal there is.
                switched ? 0.85 : 0.55, evidence,
                switched ? $"Roll back to {drift.PreviousVersion} (Drift page → Roll back to the version before drift began), then compare the two versions' training data and feature code before promoting again."
                         : $"Read the diff of {Short(deployed.Sha)} for changes to feature inputs (units, defaults, a new client); revert it if it changed the inputs, otherwise retrain with the new distribution.",
                severeDrop || switched);
        }
        if (drift.ModelAgeDays > OldModelDays && drop > 0)
        {
            yield return Cause("drift-model-decay", "Model decay: an old model losing accuracy slowly as the world moves on",
                strongInputDrift ? 0.5 : 0.78, evidence, "Schedule retraining (continuous training) and compare the candidate with the current version before promoting it.", severeDrop);
        }
    }

    private static Finding Cause(string category, string title, double likelihood, List<string> evidence, string remediation, bool severe) =>
        new(new RootCause { Category = category, Title = title, Likelihood = likelihood, Evidence = evidence, Remediation = remediation, Scope = CauseScope.Application },
            severe ? Urgency.P1 : Urgency.P2);

    /// <summary>The deploy counts as the start when it switched the version, or landed at most two hours before the first drifted window began (or inside it).</summary>
    private static bool DeployStartedIt(DriftContext drift, IncidentCommit deploy) =>
        drift.Since is not { } since || deploy.When >= since - TimeSpan.FromHours(2) || (drift.PreviousVersion is { } previous && previous != drift.Version);

    private static string Short(string sha) => sha[..Math.Min(8, sha.Length)];

    private static string Minutes(TimeSpan gap) => gap >= TimeSpan.Zero
        ? F($"{gap.TotalMinutes:0} min before")
        : F($"{-gap.TotalMinutes:0} min after");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
