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
/// token, and only where the organization allows tokens), and the command line redeems it — refused when the person
/// has left that organization since.
/// </summary>
internal sealed class DeviceApprovals(IAntiforgery antiforgery, ICurrentUser currentUser, IMembershipLookup memberships, IUserAccounts users)
{
    public async Task<ClaimsPrincipal?> ApproveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        // Otherwise a page of another site could post an attacker's code with the person's session.
        await antiforgery.ValidateRequestAsync(http);
        if (!(await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Succeeded) return null;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (!Guid.TryParse(form["organization_id"], out var organizationId))
            throw new ValidationException([new ValidationFailure("organizationId", "Choose the organization the command line will work in.")]);
        var userId = currentUser.UserId ?? throw new UnauthenticatedException();
        var access = await memberships.FindAsync(userId, organizationId, cancellationToken) ?? throw new NotFoundException("The organization");
        if (!access.Policy.PersonalAccessTokensAllowed)
            throw new ForbiddenException("This organization does not allow tokens for scripts and the command line.", OrganizationPolicyReasons.TokensDisallowed);
        var account = await users.FindAsync(userId, cancellationToken) ?? throw new UnauthenticatedException();
        return OAuthServer.DevicePrincipal(userId, account.DisplayName, organizationId);
    }

    public async Task<ClaimsPrincipal?> RedeemAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if ((await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal is not { } principal) return null;
        if (!Guid.TryParse(principal.FindFirstValue("sub"), out var userId) || !Guid.TryParse(principal.FindFirstValue(OAuthServer.OrganizationClaim), out var organizationId))
            return null;
        return await memberships.FindAsync(userId, organizationId, cancellationToken) is null ? null : principal;
    }
}
