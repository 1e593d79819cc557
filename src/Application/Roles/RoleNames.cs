namespace VariantMiner.Application.Roles;

/// <summary>Role names are unique in an organization regardless of case (<see cref="Common.UniqueNames"/>); built-in names count too.</summary>
internal static class RoleNames
{
    public static string Taken(string name) => $"A role named \"{name.Trim()}\" already exists in this organization.";
}
