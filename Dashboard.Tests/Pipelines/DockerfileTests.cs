using System.Text.RegularExpressions;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>The Dockerfile's rules, read from the file itself (instructions joined across line continuations, ARG defaults resolved).</summary>
public sealed partial class DockerfileTests
{
    private static readonly string Path_ = Path.Combine(RepositoryRoot.Path, "Dockerfile");

    private static List<(string Instruction, string Arguments)> Instructions(string text)
    {
        var joined = LineContinuation().Replace(text, " ");
        return [.. joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (l.Split(' ', 2)[0].ToUpperInvariant(), l.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? ""))];
    }

    private static List<(string Instruction, string Arguments)> Instructions() => Instructions(File.ReadAllText(Path_));

    /// <summary>FROM images with ARG defaults substituted; stage names and --platform dropped.</summary>
    private static List<string> BaseImages(List<(string Instruction, string Arguments)> instructions)
    {
        var args = instructions.Where(i => i.Instruction == "ARG" && i.Arguments.Contains('=', StringComparison.Ordinal))
            .Select(i => i.Arguments.Split('=', 2)).ToDictionary(a => a[0], a => a[1]);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        foreach (var (_, arguments) in instructions.Where(i => i.Instruction == "FROM"))
        {
            var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            var image = ArgReference().Replace(words[0], m => args.GetValueOrDefault(m.Groups[1].Value, m.Value));
            if (!stages.Contains(image))
            {
                images.Add(image);
            }
            if (words is [_, var asWord, var stage] && asWord.Equals("AS", StringComparison.OrdinalIgnoreCase))
            {
                stages.Add(stage);
            }
        }
        return images;
    }

    [Fact]
    public void BaseImages_AreDotnet10OnUbuntuNoblePinnedToAnExactVersion()
    {
        var images = BaseImages(Instructions());

        Assert.Equal(2, images.Count);
        Assert.All(images, image => Assert.Matches(PinnedNobleImage(), image));
        Assert.Contains(images, i => i.StartsWith("mcr.microsoft.com/dotnet/sdk:10.", StringComparison.Ordinal));
        Assert.Contains(images, i => i.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.", StringComparison.Ordinal));
    }

    [Fact]
    public void FinalStage_RunsAsNonRootWithHealthcheckOnHealthzAndDataVolume()
    {
        var instructions = Instructions();
        var final = instructions.Skip(instructions.FindLastIndex(i => i.Instruction == "FROM")).ToList();

        var user = Assert.Single(final, i => i.Instruction == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        var healthcheck = Assert.Single(final, i => i.Instruction == "HEALTHCHECK").Arguments;
        Assert.Contains("/healthz", healthcheck, StringComparison.Ordinal);
        Assert.Contains("healthcheck", healthcheck.Split("CMD", 2)[1], StringComparison.Ordinal);
        Assert.Contains("/data", Assert.Single(final, i => i.Instruction == "VOLUME").Arguments, StringComparison.Ordinal);
        Assert.Contains(final, i => i.Instruction == "ENV" && i.Arguments.Contains("Data__Directory=/data", StringComparison.Ordinal));
        Assert.True(final.FindIndex(i => i.Instruction == "USER") > final.FindLastIndex(i => i.Instruction == "RUN"), "USER must come after the last RUN that needs root");
    }

    [Fact]
    public void Build_IsTargetArchAwareAndCrossCompiles()
    {
        var instructions = Instructions();

        Assert.Contains(instructions, i => i.Instruction == "ARG" && i.Arguments == "TARGETARCH");
        Assert.Contains("--platform=$BUILDPLATFORM", instructions.First(i => i.Instruction == "FROM").Arguments, StringComparison.Ordinal);
        Assert.All(instructions.Where(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet ", StringComparison.Ordinal)),
            run => Assert.Contains("-r \"$rid\"", run.Arguments, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nUSER app\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:latest\n")]
    [InlineData("ARG IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.0-bookworm-slim\nFROM ${IMAGE}\n")]
    public void BaseImageRule_RejectsFloatingOrNonNobleTags(string dockerfile)
    {
        Assert.All(BaseImages(Instructions(dockerfile)), image => Assert.DoesNotMatch(PinnedNobleImage(), image));
    }

    [Fact]
    public void Dockerignore_KeepsBuildOutputHistoryAndDataOutOfTheContext()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".dockerignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", ".git/", "data/", "**/*.db" }, ignored);
    }

    [Fact]
    public void ModelServing_IsPinnedToAmd64NodesBecauseLibtorchHasNoArm64Build()
    {
        var deployment = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "apps", "model-serving", "base", "deployment.yaml"));

        Assert.Matches(@"key: kubernetes\.io/arch\s+operator: In\s+values: \[""amd64""\]", deployment);
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex LineContinuation();

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex ArgReference();

    /// <summary>An exact x.y.z tag on noble, optionally with a digest.</summary>
    [GeneratedRegex(@"^[\w./-]+:\d+\.\d+\.\d+-noble(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedNobleImage();
}
