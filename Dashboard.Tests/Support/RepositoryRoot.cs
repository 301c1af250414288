namespace MlOpsDashboard.Dashboard.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder holding MlOpsDashboard.sln, found from the test binaries upward.</summary>
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
        throw new InvalidOperationException($"No MlOpsDashboard.sln above {AppContext.BaseDirectory}");
    }
}
