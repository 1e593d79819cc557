using Microsoft.AspNetCore.Authentication;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.SingleSignOn;
using VariantMiner.Application.Users.Queries.GetCurrentUser;
using VariantMiner.Infrastructure.Identity.SingleSignOn;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// Institution sign-in (OpenID Connect, one provider per organization): which sign-in an address uses, the round trip
/// through the provider (start → the provider → callback, answered by the handler → complete), linking an existing
/// account by its password, and the organization's settings.
/// </summary>
internal sealed class SingleSignOnEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var sso = app.MapGroup("/api/auth/sso").WithTags("Auth").AllowAnonymous();

        sso.MapGet("", async Task<Ok<SignInMethodDto>> (string email, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FindSignInMethod(email), ct)))
            .WithName("Auth_FindSignInMethod")
            .WithSummary("Which sign-in an e-mail address uses: \"sso\" with the organization whose institution serves its domain, else \"password\". Says nothing about accounts.")
            .ProducesValidationProblem();

        sso.MapGet("/{orgId:guid}/start", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (Guid orgId, string? returnUrl, string? email,
                HttpContext http, SingleSignOnSchemes schemes) =>
            {
                if (schemes.SchemeFor(orgId) is null)
                    return TypedResults.Problem("This organization has no institution sign-in.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
                var properties = new AuthenticationProperties { RedirectUri = $"{SingleSignOnPaths.Complete(orgId)}?returnUrl={Uri.EscapeDataString(LocalPath(returnUrl))}" };
                if (!string.IsNullOrWhiteSpace(email)) properties.Items[SingleSignOnSchemes.LoginHintItem] = email.Trim();
                await schemes.ChallengeAsync(http, orgId, properties);
                return TypedResults.Empty;
            })
            .WithName("Auth_StartInstitutionSignIn")
            .WithSummary("Begins signing in at the organization's institution (a browser navigation: redirects to its provider, which comes back to /callback, then /complete).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        sso.MapGet("/{orgId:guid}/complete", async Task<RedirectHttpResult> (Guid orgId, string? returnUrl, ISender sender, CancellationToken ct) =>
            {
                var back = LocalPath(returnUrl);
                var outcome = await sender.Send(new CompleteInstitutionSignIn(orgId), ct);
                return outcome.Result switch
                {
                    InstitutionSignInResult.SignedIn => TypedResults.LocalRedirect(back),
                    InstitutionSignInResult.LinkRequired => TypedResults.LocalRedirect(
                        $"/login/link?email={Uri.EscapeDataString(outcome.Email!)}&returnUrl={Uri.EscapeDataString(back)}"),
                    _ => TypedResults.LocalRedirect($"/login?ssoError={Uri.EscapeDataString(outcome.Reason ?? "failed")}"),
                };
            })
            .WithName("Auth_CompleteInstitutionSignIn")
            .WithSummary("Ends the round trip (a browser navigation): signs in the account linked to the provider's (issuer, subject), or creates one when the organization lets new people join; an unlinked account with the same address goes to /login/link to prove its password; otherwise back to the sign-in page with ssoError.");

        sso.MapPost("/link", async Task<Results<Ok<CurrentUserDto>, ProblemHttpResult>> (LinkInstitutionAccount body, ISender sender, CancellationToken ct) =>
            {
                try
                {
                    return TypedResults.Ok(await sender.Send(body, ct));
                }
                catch (TwoFactorRequiredException e)
                {
                    return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                        extensions: new Dictionary<string, object?> { ["reason"] = TwoFactorRequiredException.Reason });
                }
            })
            .WithName("Auth_LinkInstitutionAccount")
            .WithSummary("Links my existing account to the institution's sign-in that just answered (within five minutes): my password, and a code when two-factor is on. Wrong passwords and codes count towards the lockout.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var settings = app.MapGroup("/api/organizations/{orgId:guid}/settings/sso")
            .RequireAuthorization()
            .WithTags("Organizations")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        settings.MapGet("", async Task<Ok<SingleSignOnSettingsDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSingleSignOnSettings(orgId), ct)))
            .WithName("Organizations_GetSingleSignOn")
            .WithSummary("The institution sign-in (organization.settings.manage): provider, client id (the secret is never shown), e-mail domains, default role, joining on first sign-in, required; and the redirect address to register at the provider.");

        settings.MapPut("", async Task<Ok<SingleSignOnSettingsDto>> (Guid orgId, SetSingleSignOnSettings body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Organizations_SetSingleSignOn")
            .WithSummary("Sets the institution sign-in (organization.settings.manage). The issuer must be https and public; clientSecret null keeps the kept one; a domain belongs to one organization; requiring it needs a session opened through it.")
            .ProducesValidationProblem();
    }

    /// <summary>Only a path of this site (no scheme, no host, no //): where to land after signing in.</summary>
    private static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal) ? url : "/";
}
