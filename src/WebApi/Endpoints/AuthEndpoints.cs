using Microsoft.AspNetCore.Antiforgery;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Users.Commands.PasswordReset;
using VariantMiner.Application.Users.Commands.Profile;
using VariantMiner.Application.Users.Commands.Register;
using VariantMiner.Application.Users.Commands.SignIn;
using VariantMiner.Application.Users.Commands.SignOut;
using VariantMiner.Application.Users.Commands.SwitchOrganization;
using VariantMiner.Application.Users.Commands.TwoFactor;
using VariantMiner.Application.Users.Commands.VerifyEmail;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.WebApi.Endpoints;

public sealed record AntiforgeryTokenDto(string Token);

internal sealed class AuthEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new AntiforgeryTokenDto(tokens.RequestToken!));
            })
            .AllowAnonymous()
            .WithName("Auth_GetAntiforgeryToken")
            .WithSummary("Issues the token the SPA echoes in the X-XSRF-TOKEN header on unsafe requests.");

        auth.MapPost("/register", async Task<Ok<CurrentUserDto>> (Register body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .AllowAnonymous()
            .WithName("Auth_Register")
            .WithSummary("Creates a local account and signs it in. The first account of an empty installation is platform administrator.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        auth.MapPost("/login", async Task<Results<Ok<CurrentUserDto>, ProblemHttpResult>> (SignIn body, ISender sender, CancellationToken ct) =>
            {
                try
                {
                    return TypedResults.Ok(await sender.Send(body, ct));
                }
                catch (TwoFactorRequiredException e)
                {
                    // Answered here, not by the exception handler: that one clears the response, and with it the cookie
                    // that lets the second step through.
                    return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                        extensions: new Dictionary<string, object?> { ["reason"] = TwoFactorRequiredException.Reason });
                }
            })
            .AllowAnonymous()
            .WithName("Auth_Login")
            .WithSummary("Signs in with e-mail and password (session cookie). Repeated failures lock the account; the answer is the same 401 for a wrong password, an unknown address and a locked account (the owner is told by e-mail). An account with two-factor on answers 401 with reason two-factor-required: the code follows at /login/two-factor.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/login/two-factor", async Task<Ok<CurrentUserDto>> (SignInSecondFactor body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .AllowAnonymous()
            .WithName("Auth_LoginSecondFactor")
            .WithSummary("The second step of signing in: a code of the authenticator app (each accepted once) or a recovery code (each once), within five minutes of the password. Wrong codes count towards the lockout.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/verify-email", async Task<NoContent> (VerifyEmail body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithName("Auth_VerifyEmail")
            .WithSummary("Verifies the account's e-mail address with the token from the link mailed at registration.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status410Gone);

        auth.MapPost("/verify-email/resend", async Task<NoContent> (ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ResendEmailVerification(), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithName("Auth_ResendEmailVerification")
            .WithSummary("Mails a new verification link to the signed-in user.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        auth.MapPost("/logout", async Task<NoContent> (ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SignOut(), ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithName("Auth_Logout")
            .WithSummary("Ends the session and invalidates the user's other sessions.");

        auth.MapPut("/me/last-organization", async Task<NoContent> (SwitchOrganization body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithName("Auth_SwitchOrganization")
            .WithSummary("Remembers the organization I work in (I must be a member).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        auth.MapGet("/me", async Task<Ok<CurrentUserDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCurrentUser(), ct)))
            .RequireAuthorization()
            .WithName("Auth_GetMe")
            .WithSummary("The signed-in user.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPatch("/me", async Task<Ok<CurrentUserDto>> (UpdateProfile body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .RequireAuthorization()
            .WithName("Auth_UpdateProfile")
            .WithSummary("Changes my display name.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/me/password", async Task<NoContent> (ChangePassword body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithName("Auth_ChangePassword")
            .WithSummary("Changes my password (current password required); every other session is signed out, this one stays.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var twoFactor = auth.MapGroup("/me/two-factor").RequireAuthorization();

        twoFactor.MapGet("", async Task<Ok<TwoFactorStatus>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetTwoFactorStatus(), ct)))
            .WithName("Auth_GetTwoFactor")
            .WithSummary("Whether two-factor sign-in is on for my account, and how many recovery codes are left.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        twoFactor.MapPost("/setup", async Task<Ok<TwoFactorSetup>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new BeginTwoFactorSetup(), ct)))
            .WithName("Auth_BeginTwoFactorSetup")
            .WithSummary("A new key for an authenticator app (shared key and otpauth:// URI for a QR code); nothing changes until a code of it is proven.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        twoFactor.MapPost("/enable", async Task<Ok<RecoveryCodesDto>> (EnableTwoFactor body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .WithName("Auth_EnableTwoFactor")
            .WithSummary("Turns two-factor on with a code of the new key; answers ten single-use recovery codes, shown this once. Other sessions end.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        twoFactor.MapPost("/disable", async Task<NoContent> (DisableTwoFactor body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.NoContent();
            })
            .WithName("Auth_DisableTwoFactor")
            .WithSummary("Turns two-factor off: my password and a code of the app (or a recovery code).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        twoFactor.MapPost("/recovery-codes", async Task<Ok<RecoveryCodesDto>> (NewRecoveryCodes body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .WithName("Auth_NewRecoveryCodes")
            .WithSummary("Ten new recovery codes for a code of the app (shown once); the earlier ones stop working.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        auth.MapPost("/me/email", async Task<Accepted> (ChangeEmail body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.Accepted((string?)null);
            })
            .RequireAuthorization()
            .WithName("Auth_ChangeEmail")
            .WithSummary("Asks to move my account to another address (password required): a link goes to the new address, a notice to the current one.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        auth.MapPost("/confirm-email-change", async Task<NoContent> (ConfirmEmailChange body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithName("Auth_ConfirmEmailChange")
            .WithSummary("Opens the link mailed to the new address: the account moves to it and every session ends.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);

        auth.MapPost("/forgot-password", async Task<Accepted> (ForgotPassword body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.Accepted((string?)null);
            })
            .AllowAnonymous()
            .WithName("Auth_ForgotPassword")
            .WithSummary("Mails a reset link if an account has this address; the answer is the same either way.")
            .ProducesValidationProblem();

        auth.MapPost("/reset-password", async Task<NoContent> (ResetPassword body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithName("Auth_ResetPassword")
            .WithSummary("Sets a new password from the mailed link (once, within the hour); every session of the account ends.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status410Gone);
    }
}
