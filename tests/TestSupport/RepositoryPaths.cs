namespace VariantMiner.TestSupport;

public static class RepositoryPaths
{
    /// <summary>The folder holding VariantMiner.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VariantMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("VariantMiner.sln not found above " + AppContext.BaseDirectory);
    }
}
