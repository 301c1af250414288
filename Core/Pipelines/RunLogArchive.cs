using System.IO.Compression;
using System.Text;

namespace MlOpsDashboard.Core.Pipelines;

/// <summary>
/// A run's log archive as GitHub serves it: one folder per job holding one file per step
/// (<c>build/4_Build.txt</c>) and, at the top, one whole-job file per job (<c>0_build.txt</c>).
/// Text is kept as read (ANSI escapes included); callers strip it for display.
/// </summary>
public sealed class RunLogArchive
{
    /// <summary>Bounds memory on a runaway log: the tail is what triage needs, so the head is dropped.</summary>
    public const int MaxCharsPerFile = 512 * 1024;

    private readonly Dictionary<string, string> _files;

    private RunLogArchive(Dictionary<string, string> files) => _files = files;

    public static RunLogArchive Empty { get; } = new([]);

    public IReadOnlyCollection<string> Paths => _files.Keys;

    public static RunLogArchive FromZip(byte[] zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                var text = reader.ReadToEnd();
                files[entry.FullName.Replace('\\', '/')] = text.Length > MaxCharsPerFile ? text[^MaxCharsPerFile..] : text;
            }
            return new RunLogArchive(files);
        }
        catch (InvalidDataException e)
        {
            throw new PipelineSourceException("The run's log archive is not a readable zip file.", e);
        }
    }

    /// <summary>Builds the same layout GitHub produces, for the simulated source and for tests.</summary>
    public static byte[] CreateZip(IEnumerable<(string Path, string Text)> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    public string? File(string path) => _files.GetValueOrDefault(path);

    /// <summary>The step's own file; GitHub names it by number then (sanitized) step name, so the number decides.</summary>
    public string? StepLog(string jobName, int stepNumber)
    {
        var folder = SafeName(jobName) + "/";
        var prefix = stepNumber + "_";
        return _files.FirstOrDefault(f => f.Key.StartsWith(folder, StringComparison.OrdinalIgnoreCase)
            && f.Key[folder.Length..].StartsWith(prefix, StringComparison.Ordinal)).Value;
    }

    /// <summary>The whole-job file at the top of the archive (<c>N_jobname.txt</c>).</summary>
    public string? JobLog(string jobName)
    {
        var suffix = "_" + SafeName(jobName) + ".txt";
        return _files.FirstOrDefault(f => !f.Key.Contains('/', StringComparison.Ordinal) && f.Key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The failing step's log, else the whole job's log (GitHub omits step files for some failures).</summary>
    public string? FailingLog(PipelineJob job) =>
        (job.FailingStep is { } step ? StepLog(job.Name, step.Number) : null) ?? JobLog(job.Name);

    /// <summary>GitHub replaces characters that cannot appear in a path in job names.</summary>
    public static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        return builder.ToString();
    }
}
