namespace VariantMiner.WebApi.Hosting;

/// <summary>Finds the built SPA: configuration <c>SpaRoot</c>, else wwwroot, else clientapp/dist of the repository.</summary>
internal static class SpaHosting
{
    public static string? FindWebRoot(string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, contentRoot);
        var wwwroot = Path.Combine(contentRoot, "wwwroot");
        if (File.Exists(Path.Combine(wwwroot, "index.html"))) return wwwroot;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var dist = Path.Combine(dir.FullName, "clientapp", "dist");
            if (File.Exists(Path.Combine(dist, "index.html"))) return dist;
        }
        return null;
    }
}
