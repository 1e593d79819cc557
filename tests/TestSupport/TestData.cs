using Microsoft.AspNetCore.Identity;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Organizations;
using VariantMiner.Infrastructure.Identity;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.TestSupport;

/// <summary>Seeds rows directly (no use cases exist yet for organizations): an organization with its five built-in roles.</summary>
public static class TestData
{
    public sealed record SeededOrganization(Organization Organization, IReadOnlyDictionary<BuiltInRole, Role> Roles);

    public const string Password = "correct horse battery staple";

    // Hashing is deliberately slow; one hash serves every seeded account.
    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password));

    /// <summary>An account that can sign in with <see cref="Password"/>.</summary>
    public static async Task<ApplicationUser> AddUserAsync(AppDbContext db, string email, bool platformAdmin = false)
    {
        var user = new ApplicationUser
        {
            PasswordHash = PasswordHash.Value,
            LockoutEnabled = true,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            IsPlatformAdmin = platformAdmin,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<SeededOrganization> AddOrganizationAsync(AppDbContext db, string name, bool roleBasedAccess = true)
    {
        var organization = new Organization(name, null, DateTimeOffset.UtcNow, storageQuotaBytes: 1L << 40); // the installation default
        organization.SetRoleBasedAccess(roleBasedAccess);
        db.Organizations.Add(organization);
        var roles = Enum.GetValues<BuiltInRole>().ToDictionary(r => r, r => Role.CreateBuiltIn(organization.Id, r));
        db.Roles.AddRange(roles.Values);
        await db.SaveChangesAsync();
        return new SeededOrganization(organization, roles);
    }

    public static async Task<Workspace> AddWorkspaceAsync(AppDbContext db, Guid organizationId, string name)
    {
        var workspace = new Workspace(organizationId, name, DateTimeOffset.UtcNow);
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace;
    }

    public static async Task<Membership> AddMemberAsync(AppDbContext db, Guid organizationId, Guid userId, Guid roleId, params Guid[] workspaceIds)
    {
        var membership = new Membership(organizationId, userId, roleId, DateTimeOffset.UtcNow);
        foreach (var id in workspaceIds) membership.GrantWorkspace(id);
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
        return membership;
    }
}
