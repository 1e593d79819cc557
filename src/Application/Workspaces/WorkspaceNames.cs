namespace VariantMiner.Application.Workspaces;

/// <summary>Workspace names are unique in an organization regardless of case (<see cref="Common.UniqueNames"/>).</summary>
internal static class WorkspaceNames
{
    public static string Taken(string name) => $"A workspace named \"{name.Trim()}\" already exists in this organization.";
}
