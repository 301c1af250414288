using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Pipelines.Simulated;

internal sealed record StepPlan(string Name, int TypicalSeconds, string Command);

internal sealed record JobPlan(string Name, IReadOnlyList<StepPlan> Steps);

internal sealed record FailurePlan(string Job, string Step, IReadOnlyList<string> LogLines);

/// <summary>This repository's own workflows (.github/workflows), as the sandbox runs them: jobs, steps, typical step times, and how each kind of failure reads in the log.</summary>
internal static class SimulatedWorkflows
{
    public const string Ci = "CI";
    public const string Security = "Security";
    public const string Ct = "CT";
    public const string Cd = "CD";
    public const string Triage = "Triage";

    private static readonly StepPlan SetUp = new("Set up job", 3, "");
    private static readonly StepPlan Checkout = new("Checkout", 2, "actions/checkout");
    private static readonly StepPlan SetupDotnet = new("Setup .NET", 11, "actions/setup-dotnet");
    private static readonly StepPlan Complete = new("Complete job", 1, "");

    public static IReadOnlyDictionary<string, IReadOnlyList<JobPlan>> Plans { get; } = new Dictionary<string, IReadOnlyList<JobPlan>>
    {
        [Ci] = [new("build-test", [SetUp, Checkout, SetupDotnet, new("Restore", 38, "dotnet restore MlOpsDashboard.sln"), new("Build", 92, "dotnet build MlOpsDashboard.sln -c Release --no-restore -warnaserror"),
            new("Test", 255, "./test.sh"), new("Format check", 33, "dotnet format MlOpsDashboard.sln --verify-no-changes"), new("Vulnerable packages", 18, "dotnet list MlOpsDashboard.sln package --vulnerable --include-transitive"), Complete])],
        [Security] = [
            new("codeql", [SetUp, Checkout, SetupDotnet, new("Initialize CodeQL", 28, "github/codeql-action/init"), new("Build", 88, "dotnet build MlOpsDashboard.sln -c Release"), new("Perform CodeQL Analysis", 115, "github/codeql-action/analyze"), Complete]),
            new("gitleaks", [SetUp, new("Checkout", 4, "actions/checkout"), new("Run gitleaks", 14, "gitleaks git --redact --exit-code 1"), Complete]),
            new("trivy", [SetUp, Checkout, new("Build image", 140, "docker build -t mlops-dashboard:scan ."), new("Trivy scan", 41, "trivy image --severity CRITICAL --exit-code 1 mlops-dashboard:scan"), Complete]),
        ],
        [Ct] = [new("train-evaluate", [SetUp, Checkout, SetupDotnet, new("Restore", 36, "dotnet restore Dashboard"), new("Train", 410, "dotnet run --project Dashboard -- train --predictor failure-risk --output artifacts/model"),
            new("Evaluate", 58, "dotnet run --project Dashboard -- evaluate --model artifacts/model --min-f1 0.75 --min-auc 0.80"), new("Upload metrics", 4, "actions/upload-artifact"), new("Register model", 7, "git tag model/failure-risk"), Complete])],
        [Cd] = [
            new("image", [SetUp, Checkout, new("Set up QEMU", 9, "docker/setup-qemu-action"), new("Set up Buildx", 7, "docker/setup-buildx-action"), new("Log in to GHCR", 2, "docker/login-action"), new("Build and push", 372, "docker/build-push-action"), Complete]),
            new("promote-staging", [SetUp, new("Checkout manifests", 4, "actions/checkout"), new("Update staging overlay", 5, "yq -i '.images[0].newTag = env(TAG)' deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml"), new("Commit and push", 3, "git push origin HEAD:main"), Complete]),
        ],
        [Triage] = [new("analyze", [SetUp, Checkout, SetupDotnet, new("Download logs", 6, "gh run view --log-failed"), new("Analyze", 24, "dotnet run --project Dashboard -- analyze --input failure.log"), new("Post analysis", 3, "gh api repos/:owner/:repo/commits/:sha/comments"), Complete])],
    };

    public static IReadOnlyList<FailureCategory> FailuresOf(string workflow) => workflow switch
    {
        Ci => [FailureCategory.TestFailure, FailureCategory.TestFailure, FailureCategory.Compile, FailureCategory.Dependency],
        Security => [FailureCategory.SecurityFinding],
        Ct => [FailureCategory.ModelBelowThreshold],
        Cd => [FailureCategory.ManifestError],
        _ => [],
    };

    public static FailurePlan Failure(FailureCategory kind) => kind switch
    {
        FailureCategory.TestFailure => new("build-test", "Test",
        [
            "  Passed MlOpsDashboard.Dashboard.Tests.Delivery.ManifestRepositoryTests.Commit_OnExpectedBase_Pushes [412 ms]",
            "\u001b[31;1m  Failed MlOpsDashboard.Dashboard.Tests.Delivery.PromotionServiceTests.Promote_StaleBase_RebasesAndRetries [1 s]\u001b[0m",
            "  Error Message:",
            "   Assert.Equal() Failure: Values differ",
            "Expected: \"1.4.0\"",
            "Actual:   \"1.3.2\"",
            "  Stack Trace:",
            "     at MlOpsDashboard.Dashboard.Tests.Delivery.PromotionServiceTests.Promote_StaleBase_RebasesAndRetries() in /home/runner/work/mlops-dashboard/mlops-dashboard/Dashboard.Tests/Delivery/PromotionServiceTests.cs:line 88",
            "\u001b[31;1mFailed!  - Failed:     1, Passed:   311, Skipped:     0, Total:   312, Duration: 3 m 58 s - MlOpsDashboard.Dashboard.Tests.dll (net10.0)\u001b[0m",
        ]),
        FailureCategory.Compile => new("build-test", "Build",
        [
            "  Core -> /home/runner/work/mlops-dashboard/mlops-dashboard/Core/bin/Release/net10.0/MlOpsDashboard.Core.dll",
            "\u001b[31;1m/home/runner/work/mlops-dashboard/mlops-dashboard/Dashboard/Components/Pages/Models/Models.razor.cs(57,43): error CS1002: ; expected [/home/runner/work/mlops-dashboard/mlops-dashboard/Dashboard/Dashboard.csproj]\u001b[0m",
            "",
            "Build FAILED.",
            "    0 Warning(s)",
            "    1 Error(s)",
        ]),
        FailureCategory.Dependency => new("build-test", "Restore",
        [
            "  Determining projects to restore...",
            "\u001b[31;1m/home/runner/work/mlops-dashboard/mlops-dashboard/Core/Core.csproj : error NU1101: Unable to find package Octokit.Webhooks.AspNetCore. No packages exist with this id in source(s): nuget.org\u001b[0m",
            "  Failed to restore /home/runner/work/mlops-dashboard/mlops-dashboard/Core/Core.csproj (in 2.31 sec).",
        ]),
        FailureCategory.SecurityFinding => new("trivy", "Trivy scan",
        [
            "2026-11-24T01:12:40.118Z\tINFO\tDetected OS\tfamily=\"ubuntu\" version=\"24.04\"",
            "mlops-dashboard:scan (ubuntu 24.04)",
            "Total: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 1)",
            "│ libssl3t64 │ CVE-2024-5535 │ \u001b[31mCRITICAL\u001b[0m │ fixed    │ 3.0.13-0ubuntu3.1 │ 3.0.13-0ubuntu3.2 │ openssl: SSL_select_next_proto buffer overread │",
        ]),
        FailureCategory.ModelBelowThreshold => new("train-evaluate", "Evaluate",
        [
            "Evaluating failure-risk candidate 2026.11.24-1 on 4,812 held-out builds",
            "  f1=0.712  auc=0.834  precision=0.688  recall=0.738",
            "Quality gate failed: f1=0.712 < 0.750 (--min-f1)",
            "The candidate is below the threshold; it is not registered and serving keeps 2026.11.17-2.",
        ]),
        FailureCategory.ManifestError => new("promote-staging", "Update staging overlay",
        [
            "+ yq -i '.images[0].newTag = env(TAG)' deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml",
            "\u001b[31mError: bad file 'deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml': yaml: line 12: mapping values are not allowed in this context\u001b[0m",
        ]),
        _ => new("", "", []),
    };
}
