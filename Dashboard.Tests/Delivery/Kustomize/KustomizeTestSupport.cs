using System.Diagnostics;
using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

/// <summary>The repository root (the folder holding MlOpsDashboard.sln), found from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MlOpsDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no MlOpsDashboard.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>Runs the real <c>kubectl kustomize</c>, the reference the renderer must equal.</summary>
internal static class Kubectl
{
    private static readonly string Executable =
        Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl"
        : "kubectl";

    /// <summary>The objects kubectl renders for <paramref name="directory"/>, parsed like the renderer's input.</summary>
    public static IReadOnlyList<JsonObject> Kustomize(string directory)
    {
        var (exitCode, stdout, stderr) = Run(directory);
        Assert.True(exitCode == 0, $"kubectl kustomize {directory} failed ({exitCode}): {stderr}");
        return ManifestYaml.ParseObjects(stdout, "kubectl output");
    }

    /// <summary>kubectl's error text for a kustomization it must refuse.</summary>
    public static string KustomizeError(string directory)
    {
        var (exitCode, _, stderr) = Run(directory);
        Assert.True(exitCode != 0, $"kubectl kustomize {directory} unexpectedly succeeded");
        return stderr;
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string directory)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} did not finish within a minute");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>Asserts two renders are the same objects in the same order, with a readable first difference.</summary>
internal static class RenderAssert
{
    public static void Equal(IReadOnlyList<JsonObject> expected, IReadOnlyList<JsonObject> actual, string what)
    {
        var expectedIds = expected.Select(Describe).ToList();
        var actualIds = actual.Select(Describe).ToList();
        Assert.True(expectedIds.SequenceEqual(actualIds),
            $"{what}: objects or order differ\nexpected: {string.Join(", ", expectedIds)}\nactual:   {string.Join(", ", actualIds)}");
        for (var i = 0; i < expected.Count; i++)
        {
            var want = ManifestYaml.ToCanonicalJson(expected[i]);
            var got = ManifestYaml.ToCanonicalJson(actual[i]);
            Assert.True(want == got, $"{what}: object {i} ({expectedIds[i]}) differs\nexpected: {want}\nactual:   {got}");
        }
    }

    private static string Describe(JsonObject obj) =>
        $"{obj["kind"]} {obj["metadata"]?["namespace"]}/{obj["metadata"]?["name"]}";
}

/// <summary>A temporary folder of files, deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kustomize-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public TempTree Write(string relative, string content) => Write(relative, System.Text.Encoding.UTF8.GetBytes(content));

    public TempTree Write(string relative, byte[] content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
