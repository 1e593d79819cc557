using VariantMiner.Domain.Invitations;
using VariantMiner.Domain.Organizations;

namespace VariantMiner.WebApi.Tests;

/// <summary>An organization seeded straight into the database: one member per role, all granted one workspace.</summary>
public sealed record SeededLab(Guid OrganizationId, string Name, Guid WorkspaceId, IReadOnlyDictionary<BuiltInRole, (Guid UserId, string Email)> Members,
    Guid TargetUserId, Guid CustomRoleId, Guid InvitationId)
{
    /// <summary>Route values for this lab: the target of member operations is an extra Analyst, never the caller.</summary>
    public IReadOnlyDictionary<string, Guid> RouteValues => new Dictionary<string, Guid>
    {
        ["orgId"] = OrganizationId,
        ["workspaceId"] = WorkspaceId,
        ["userId"] = TargetUserId,
        ["roleId"] = CustomRoleId,
        ["invitationId"] = InvitationId,
    };

    public static async Task<SeededLab> CreateAsync(AppDbContext db, string name)
    {
        var org = await TestData.AddOrganizationAsync(db, name);
        var workspace = await TestData.AddWorkspaceAsync(db, org.Organization.Id, "Genomes");
        var members = new Dictionary<BuiltInRole, (Guid, string)>();
        foreach (var role in Enum.GetValues<BuiltInRole>())
        {
            var email = $"{role}.{Guid.NewGuid():N}@{name.Replace(" ", "").ToLowerInvariant()}.example";
            var user = await TestData.AddUserAsync(db, email);
            await TestData.AddMemberAsync(db, org.Organization.Id, user.Id, org.Roles[role].Id, workspace.Id);
            members[role] = (user.Id, email);
        }
        var target = await TestData.AddUserAsync(db, $"target.{Guid.NewGuid():N}@{name.Replace(" ", "").ToLowerInvariant()}.example");
        await TestData.AddMemberAsync(db, org.Organization.Id, target.Id, org.Roles[BuiltInRole.Analyst].Id, workspace.Id);
        var custom = Role.CreateCustom(org.Organization.Id, "Viewer", [Permissions.SamplesViewAll], Permissions.All);
        db.Roles.Add(custom);
        var (invitation, _) = Invitation.Create(org.Organization.Id, $"invitee.{Guid.NewGuid():N}@example.org", org.Roles[BuiltInRole.ReportWriter].Id,
            [workspace.Id], members[BuiltInRole.Supervisor].Item1, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        db.Invitations.Add(invitation);
        db.Activities.Add(new ActivityRecord(org.Organization.Id, workspace.Id, members[BuiltInRole.Supervisor].Item1, "seed", "workspace",
            workspace.Id, "Seeded", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return new SeededLab(org.Organization.Id, name, workspace.Id, members, target.Id, custom.Id, invitation.Id);
    }

    /// <summary>Everything of this organization, as text, to prove that nothing changed.</summary>
    public async Task<string> SnapshotAsync(AppDbContext db)
    {
        var id = OrganizationId;
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => $"{o.Name}|{o.Description}|{o.ContactName}|{o.RoleBasedAccessEnabled}|{o.StorageQuotaBytes}|{o.MinimumPasswordLength}|{o.RequireTwoFactor}|{o.MaxSessionHours}|{o.PersonalAccessTokensAllowed}|{o.MaxTokenLifetimeDays}")
            .SingleOrDefaultAsync();
        var roles = await db.Roles.IgnoreQueryFilters().AsNoTracking().Where(r => r.OrganizationId == id)
            .Select(r => r.Name + ":" + string.Join(",", r.Permissions.Select(p => p.Permission).OrderBy(p => p))).ToListAsync();
        var members = await db.Memberships.IgnoreQueryFilters().AsNoTracking().Where(m => m.OrganizationId == id)
            .Select(m => m.UserId + ":" + m.RoleId + ":" + m.Position + ":" + string.Join(",", m.WorkspaceGrants.Select(g => g.WorkspaceId))).ToListAsync();
        var workspaces = await db.Workspaces.IgnoreQueryFilters().AsNoTracking().Where(w => w.OrganizationId == id)
            .Select(w => w.Id + ":" + w.Name + ":" + w.Description).ToListAsync();
        var activities = await db.Activities.IgnoreQueryFilters().CountAsync(a => a.OrganizationId == id);
        var invitations = await db.Invitations.IgnoreQueryFilters().AsNoTracking().Where(i => i.OrganizationId == id)
            .Select(i => i.Email + ":" + i.Status + ":" + i.TokenHash + ":" + i.RoleId).ToListAsync();
        var samples = await db.Samples.IgnoreQueryFilters().AsNoTracking().Where(s => s.OrganizationId == id)
            .Select(s => s.Id + ":" + s.Name + ":" + s.DeletedAt + ":" + s.Assignments.Count).ToListAsync();
        var files = await db.StoredFiles.IgnoreQueryFilters().AsNoTracking().Where(f => f.OrganizationId == id).Select(f => f.Id + ":" + f.Name).ToListAsync();
        var analyses = await db.Analyses.IgnoreQueryFilters().AsNoTracking().Where(a => a.OrganizationId == id)
            .Select(a => a.Id + ":" + a.Status + ":" + a.Assignments.Count).ToListAsync();
        var workflows = await db.Workflows.IgnoreQueryFilters().AsNoTracking().Where(w => w.OrganizationId == id)
            .Select(w => w.Id + ":" + w.Name + ":" + w.ParametersJson).ToListAsync();
        var references = await db.ReferenceBundles.IgnoreQueryFilters().AsNoTracking().Where(r => r.OrganizationId == id)
            .Select(r => r.Id + ":" + r.Name + ":" + r.Version + ":" + r.RetiredAt).ToListAsync();
        var variants = await db.Variants.IgnoreQueryFilters().CountAsync(v => v.OrganizationId == id);
        var classifications = await db.Classifications.IgnoreQueryFilters().AsNoTracking().Where(c => c.OrganizationId == id)
            .Select(c => c.Id + ":" + c.Tier + ":" + c.Evidence + ":" + c.History.Count).ToListAsync();
        var notes = await db.VariantNotes.IgnoreQueryFilters().AsNoTracking().Where(n => n.OrganizationId == id)
            .Select(n => n.Id + ":" + n.Text + ":" + n.DeletedAt).ToListAsync();
        var tags = await db.VariantTags.IgnoreQueryFilters().CountAsync(t => t.OrganizationId == id);
        var shared = await db.GeneLists.IgnoreQueryFilters().AsNoTracking().Where(l => l.OrganizationId == id).Select(l => l.Id + ":" + l.Name).ToListAsync();
        shared.AddRange(await db.FilterSets.IgnoreQueryFilters().AsNoTracking().Where(f => f.OrganizationId == id).Select(f => f.Id + ":" + f.Name + ":" + f.FiltersJson).ToListAsync());
        shared.AddRange(await db.SavedSearches.IgnoreQueryFilters().AsNoTracking().Where(f => f.OrganizationId == id).Select(f => f.Id + ":" + f.Name).ToListAsync());
        shared.AddRange(await db.OrganizationClients.IgnoreQueryFilters().AsNoTracking().Where(c => c.OrganizationId == id)
            .Select(c => "client:" + c.Id + ":" + c.Name + ":" + c.RevokedAt).ToListAsync());
        shared.AddRange(await db.ReportPreferences.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == id)
            .Select(p => "report-preferences:" + p.Header + ":" + p.RequireSecondSignature).ToListAsync());
        shared.AddRange(await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.OrganizationId == id)
            .Select(o => "order:" + o.Id + ":" + o.Status + ":" + o.UpdatedAt).ToListAsync());
        shared.AddRange(await db.ReportVersions.IgnoreQueryFilters().AsNoTracking().Where(v => v.OrganizationId == id)
            .Select(v => "report:" + v.ReportId + ":" + v.Number + ":" + v.Status + ":" + v.UpdatedAt + ":" + v.SignedAt).ToListAsync());
        shared.AddRange(await db.SingleSignOnConnections.IgnoreQueryFilters().AsNoTracking().Where(c => c.OrganizationId == id)
            .Select(c => "sso:" + c.Issuer + ":" + c.ClientId + ":" + c.ProtectedClientSecret + ":" + c.Enabled + ":" + c.Required + ":" + c.DefaultRoleId + ":"
                + string.Join(",", c.Domains.Select(d => d.Domain).OrderBy(d => d))).ToListAsync());
        return string.Join("\n", new[] { org ?? "(deleted)" }.Concat(roles.Order()).Concat(members.Order()).Concat(workspaces.Order())
            .Concat(invitations.Order()).Concat(samples.Order()).Concat(files.Order()).Concat(analyses.Order()).Concat(workflows.Order())
            .Concat(references.Order()).Concat(classifications.Order()).Concat(notes.Order()).Concat(shared.Order())
            .Append($"activities={activities}").Append($"variants={variants}").Append($"tags={tags}"));
    }
}
