using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Serving.Traffic;

/// <summary>One test of the sandbox project and the source folder it covers.</summary>
public sealed record CatalogTest(string Module, TestCaseFeatures Features);

/// <summary>
/// The sandbox project's test suite (synthetic, seeded, the same on every start): 8 modules of a
/// web shop, 12-30 tests each, with run histories. The what-if page and the traffic generator
/// turn a list of changed files into test-selection requests with it: a test is touched when a
/// changed path lies in its module's folder (<c>src/Billing/…</c>, <c>tests/Billing/…</c>).
/// </summary>
public static class SandboxTestCatalog
{
    public static IReadOnlyList<string> Modules { get; } = ["Billing", "Checkout", "Inventory", "Search", "Auth", "Notifications", "Reporting", "Api"];

    private static readonly string[] Subjects = ["Service", "Repository", "Validator", "Controller", "Mapper", "Client", "Cache", "Handler"];
    private static readonly string[] Cases = ["HandlesEmptyInput", "RejectsInvalidData", "RoundTripsJson", "RetriesOnTimeout", "KeepsOrder", "ComputesTotals", "ChecksPermissions", "PagesResults"];

    public static IReadOnlyList<CatalogTest> Tests { get; } = Build();

    /// <summary>The suite as features for one change: <see cref="TestCaseFeatures.ChangeTouchesTest"/> set from the changed paths.</summary>
    public static IReadOnlyList<TestCaseFeatures> ForChange(IEnumerable<string> changedFiles)
    {
        var touched = TouchedModules(changedFiles);
        return [.. Tests.Select(t => t.Features with { ChangeTouchesTest = touched.Contains(t.Module) ? 1 : 0 })];
    }

    /// <summary>Modules whose folder appears as a path segment of a changed file (case-insensitive).</summary>
    public static HashSet<string> TouchedModules(IEnumerable<string> changedFiles)
    {
        var touched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in changedFiles)
        {
            var segments = file.Trim().Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            foreach (var module in Modules)
            {
                if (segments.Any(s => s.Equals(module, StringComparison.OrdinalIgnoreCase) || s.StartsWith(module + ".", StringComparison.OrdinalIgnoreCase)))
                {
                    touched.Add(module);
                }
            }
        }
        return touched;
    }

    private static List<CatalogTest> Build()
    {
        var random = new Random(20_240_611);
        var tests = new List<CatalogTest>();
        foreach (var module in Modules)
        {
            var count = random.Next(12, 31);
            var flakiness = 0.01 + (random.NextDouble() * 0.08);
            for (var i = 0; i < count; i++)
            {
                var name = $"{module}.{Subjects[random.Next(Subjects.Length)]}Tests.{Cases[random.Next(Cases.Length)]}_{i + 1}";
                var runs = random.Next(20, 400);
                var failures = Math.Round(runs * flakiness * random.NextDouble() * 2);
                var lastFailed = random.NextDouble() < flakiness * 2;
                tests.Add(new CatalogTest(module, new TestCaseFeatures
                {
                    Name = name,
                    DurationSeconds = Math.Round(Math.Exp(Math.Log(4) + (random.NextDouble() * 3.5)), 1),
                    PreviousRuns = runs,
                    PreviousFailures = failures,
                    LastRunFailed = lastFailed,
                    RecentFailureRatio = lastFailed ? 0.2 * random.Next(1, 4) : (random.NextDouble() < 0.1 ? 0.2 : 0),
                    ConsecutiveFailures = lastFailed ? random.Next(1, 3) : 0,
                    RunsSinceLastFailure = lastFailed ? 0 : random.Next(1, runs),
                    CyclesSinceLastRun = random.NextDouble() < 0.8 ? 0 : random.Next(1, 6),
                }));
            }
        }
        return tests;
    }
}
