using Microsoft.AspNetCore.Antiforgery;
using VariantMiner.Application.Users.Commands.PasswordReset;
using VariantMiner.Application.Users.Commands.Profile;
using VariantMiner.Application.Users.Commands.Register;
using VariantMiner.Application.Users.Commands.SignIn;
using VariantMiner.Application.Users.Commands.SignOut;
using VariantMiner.Application.Users.Commands.SwitchOrganization;
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

        auth.MapPost("/login", async Task<Ok<CurrentUserDto>> (SignIn body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .AllowAnonymous()
            .WithName("Auth_Login")
            .WithSummary("Signs in with e-mail and password (session cookie). Repeated failures lock the account; the answer is the same 401 for a wrong password, an unknown address and a locked account (the owner is told by e-mail).")
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
