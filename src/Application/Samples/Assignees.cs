namespace VariantMiner.Application.Samples;

internal static class Assignees
{
    public const int MaxUsersPerCall = 100;

    /// <summary>
    /// Only members of the organization who can enter the workspace (Supervisors enter all; others need a grant) can be
    /// assigned. Anyone else — unknown, of another organization, without access — makes the whole call fail, naming them.
    /// </summary>
    public static async Task EnsureAssignableAsync(IApplicationDbContext db, Guid workspaceId, IReadOnlyCollection<Guid> userIds, string field,
        CancellationToken cancellationToken, IReadOnlyCollection<Guid>? alsoAccepted = null)
    {
        if (userIds.Count == 0) return;
        var ids = userIds.ToList();
        var supervisorRoles = db.Roles.Where(r => r.BuiltIn == BuiltInRole.Supervisor).Select(r => r.Id);
        var valid = await db.Memberships.AsNoTracking()
            .Where(m => ids.Contains(m.UserId) && (supervisorRoles.Contains(m.RoleId) || m.WorkspaceGrants.Any(g => g.WorkspaceId == workspaceId)))
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        var invalid = ids.Except(valid).Except(alsoAccepted ?? []).ToList();
        if (invalid.Count > 0)
            throw Invalid.Field(field, $"Not a member who can enter this workspace: {string.Join(", ", invalid.Take(20))}" +
                (invalid.Count > 20 ? $" and {invalid.Count - 20} more." : "."));
    }

    /// <summary>One activity record per sample whose assignees changed: who assigned whom (names), on which sample, when.</summary>
    public static void Record(IReadOnlyDictionary<Guid, string> names, Sample sample,
        IReadOnlyCollection<Guid> added, IReadOnlyCollection<Guid> removed)
    {
        if (added.Count == 0 && removed.Count == 0) return;
        string List(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, id.ToString())));
        var parts = new List<string>();
        if (added.Count > 0) parts.Add($"assigned {List(added)}");
        if (removed.Count > 0) parts.Add($"unassigned {List(removed)}");
        var summary = string.Join(" and ", parts);
        // No sample name in the summary: activity is shown to everyone who can enter the workspace, not only to those who see the sample.
    }
}
