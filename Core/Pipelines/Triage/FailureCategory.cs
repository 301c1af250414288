namespace MlOpsDashboard.Core.Pipelines.Triage;

/// <summary>The kinds of CI failure an on-call engineer handles differently.</summary>
public enum FailureCategory
{
    /// <summary>Nothing recognisable in the step name or log: read the log.</summary>
    Unknown,
    TestFailure,
    Compile,
    Dependency,
    SecurityFinding,
    ModelBelowThreshold,
    ManifestError,
}

public static class FailureCategories
{
    public static string Title(FailureCategory category) => category switch
    {
        FailureCategory.TestFailure => "Test failure",
        FailureCategory.Compile => "Compile error",
        FailureCategory.Dependency => "Dependency problem",
        FailureCategory.SecurityFinding => "Security finding",
        FailureCategory.ModelBelowThreshold => "Model below threshold",
        FailureCategory.ManifestError => "Manifest error",
        _ => "Unclassified failure",
    };

    /// <summary>The first thing to do, in one line, for the person on call.</summary>
    public static string NextStep(FailureCategory category) => category switch
    {
        FailureCategory.TestFailure => "Open the failing test named in the evidence; rerun once only if it is known to be flaky.",
        FailureCategory.Compile => "The commit does not build: fix the error at the file and line in the evidence, or revert the commit.",
        FailureCategory.Dependency => "A package could not be restored or installed: check the registry, the pinned version and the lock file.",
        FailureCategory.SecurityFinding => "A scanner found a vulnerability or a secret: upgrade the package or rotate the secret before merging.",
        FailureCategory.ModelBelowThreshold => "The candidate model missed the quality gate: keep the serving version and inspect the training data.",
        FailureCategory.ManifestError => "The GitOps hand-off failed: check the overlay edit and the manifests repository (push rejected, bad YAML).",
        _ => "Read the failing step's log; ask for an AI analysis if the cause is not clear.",
    };
}
