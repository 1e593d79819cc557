using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Infrastructure.Identity.OAuth;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// The device authorization grant's two moments on our side: a signed-in person approves a code shown by the command
/// line for one organization they belong to (the token will be for that organization only, like a personal access
/// token, and only where the organization allows tokens), and the command line redeems it, and later its refresh
/// token — each refused when the person has left that organization since, is locked out, the organization no longer
/// allows tokens, or the approval is older than the organization's longest token lifetime.
/// </summary>
internal sealed class DeviceApprovals(IAntiforgery antiforgery, ICurrentUser currentUser, IMembershipLookup memberships, IUserAccounts users,
    Microsoft.AspNetCore.Identity.UserManager<VariantMiner.Infrastructure.Identity.ApplicationUser> accounts, TimeProvider clock)
{
    public async Task<ClaimsPrincipal?> ApproveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        // Otherwise a page of another site could post an attacker's code with the person's session.
        await antiforgery.ValidateRequestAsync(http);
        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!code.Succeeded) return null;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (!Guid.TryParse(form["organization_id"], out var organizationId))
            throw new ValidationException([new ValidationFailure("organizationId", "Choose the organization the command line will work in.")]);
        var userId = currentUser.UserId ?? throw new UnauthenticatedException();
        var access = await memberships.FindAsync(userId, organizationId, cancellationToken) ?? throw new NotFoundException("The organization");
        if (!access.Policy.PersonalAccessTokensAllowed)
            throw new ForbiddenException("This organization does not allow tokens for scripts and the command line.", OrganizationPolicyReasons.TokensDisallowed);
        var account = await users.FindAsync(userId, cancellationToken) ?? throw new UnauthenticatedException();
        return OAuthServer.DevicePrincipal(userId, account.DisplayName, organizationId, clock.GetUtcNow(),
            OpenIddict.Abstractions.OpenIddictExtensions.GetScopes(code.Principal!));
    }

    /// <summary>The device code once approved, or a refresh token: the same principal again while the person may still act.</summary>
    public async Task<ClaimsPrincipal?> RedeemAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if ((await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal is not { } principal) return null;
        if (!Guid.TryParse(principal.FindFirstValue("sub"), out var userId) || !Guid.TryParse(principal.FindFirstValue(OAuthServer.OrganizationClaim), out var organizationId)
            || !long.TryParse(principal.FindFirstValue(OAuthServer.DeviceApprovedAtClaim), out var approvedAt))
            return null;
        if (await memberships.FindAsync(userId, organizationId, cancellationToken) is not { } access || !access.Policy.PersonalAccessTokensAllowed) return null;
        if (clock.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(approvedAt).AddDays(access.Policy.MaxTokenLifetimeDays)) return null;
        if (await accounts.FindByIdAsync(userId.ToString()) is not { } account || await accounts.IsLockedOutAsync(account)) return null;
        return principal;
    }
}
