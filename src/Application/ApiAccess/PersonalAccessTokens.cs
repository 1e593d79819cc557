using System.Security.Cryptography;
using System.Text;
using FluentValidation.Results;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Application.ApiAccess;

/// <summary>
/// The token's text: <c>vm_pat_</c>, 43 random base62 characters (256 bits), then a 6-character checksum of them — so
/// a mistyped or foreign token is refused without a database read, and secret scanners can recognise ours.
/// </summary>
public static class TokenFormat
{
    public const string Prefix = "vm_pat_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 43;
    private const int ChecksumLength = 6;

    public static (string Token, string Hash, string Hint) New()
    {
        var body = new string(RandomNumberGenerator.GetItems<char>(Alphabet, RandomLength));
        var token = Prefix + body + Checksum(body);
        return (token, Hash(token), token[^4..]);
    }

    /// <summary>The hash to look a token up by, when it is well formed and its checksum holds.</summary>
    public static bool TryHash(string token, out string hash)
    {
        hash = "";
        if (token.Length != Prefix.Length + RandomLength + ChecksumLength || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var body = token.Substring(Prefix.Length, RandomLength);
        if (body.Any(c => !Alphabet.Contains(c)) || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Checksum(body)), Encoding.ASCII.GetBytes(token[^ChecksumLength..]))) return false;
        hash = Hash(token);
        return true;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Checksum(string body) =>
        new(SHA256.HashData(Encoding.ASCII.GetBytes(body)).Take(ChecksumLength).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
}

/// <summary>Who a request's token speaks for: checked live on every request (not revoked, not expired, owner not locked out).</summary>
public sealed record TokenIdentity(Guid TokenId, Guid UserId, Guid OrganizationId);

public interface IPersonalAccessTokens
{
    /// <summary>The live token with this hash whose owner may sign in, or null; records its use (at most once a minute).</summary>
    Task<TokenIdentity?> AuthenticateAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record TokenDto(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt, string Status)
{
    internal static TokenDto From(PersonalAccessToken t, DateTimeOffset now) => new(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt,
        t.RevokedAt is not null ? "revoked" : now >= t.ExpiresAt ? "expired" : "active");
}

/// <param name="Token">The token itself: shown this once (only its hash is kept).</param>
public sealed record CreatedTokenDto(string Token, TokenDto Details);

/// <summary>My personal access tokens for this organization, newest first.</summary>
public sealed record ListMyTokens(Guid OrganizationId) : IQuery<IReadOnlyList<TokenDto>>, IOrganizationRequest;

public sealed class ListMyTokensHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : IQueryHandler<ListMyTokens, IReadOnlyList<TokenDto>>
{
    public async ValueTask<IReadOnlyList<TokenDto>> Handle(ListMyTokens query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var now = clock.GetUtcNow();
        return (await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == me).ToListAsync(cancellationToken))
            .OrderByDescending(t => t.CreatedAt).Select(t => TokenDto.From(t, now)).ToList();
    }
}

/// <summary>
/// Creates a personal access token for this organization (any member, for their own access): its lifetime at most the
/// organization's longest; refused when the organization disallows tokens, and from a token (a token mints none).
/// </summary>
public sealed record CreateToken(string Name, int ExpiresInDays) : ICommand<CreatedTokenDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class CreateTokenValidator : AbstractValidator<CreateToken>
{
    public CreateTokenValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the token after what will use it.").MaximumLength(PersonalAccessToken.NameMaxLength);
        RuleFor(c => c.ExpiresInDays).GreaterThanOrEqualTo(1).WithMessage("A token lives at least one day.");
    }
}

public sealed class CreateTokenHandler(IApplicationDbContext db, ICurrentUser currentUser, IOrganizationContext scope, TimeProvider clock)
    : ICommandHandler<CreateToken, CreatedTokenDto>
{
    public async ValueTask<CreatedTokenDto> Handle(CreateToken command, CancellationToken cancellationToken)
    {
        if (currentUser.Session.TokenId is not null) throw new ForbiddenException("A personal access token cannot create tokens; sign in to the web application.");
        var policy = scope.Access.Policy;
        if (!policy.PersonalAccessTokensAllowed)
            throw new ForbiddenException("This organization does not allow personal access tokens.", OrganizationPolicyReasons.TokensDisallowed);
        if (command.ExpiresInDays > policy.MaxTokenLifetimeDays)
            throw new ValidationException([new ValidationFailure(nameof(command.ExpiresInDays),
                $"This organization allows tokens of at most {policy.MaxTokenLifetimeDays} days.")]);
        var now = clock.GetUtcNow();
        var (token, hash, hint) = TokenFormat.New();
        var created = new PersonalAccessToken(command.OrganizationId, currentUser.UserId!.Value, command.Name, hash, hint, now, now.AddDays(command.ExpiresInDays));
        db.PersonalAccessTokens.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTokenDto(token, TokenDto.From(created, now));
    }
}

/// <summary>Revokes one of my tokens at once (another person's is "not found").</summary>
public sealed record RevokeToken(Guid OrganizationId, Guid TokenId) : ICommand<TokenDto>, IOrganizationRequest;

public sealed class RevokeTokenHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<RevokeToken, TokenDto>
{
    public async ValueTask<TokenDto> Handle(RevokeToken command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == command.TokenId && t.UserId == me, cancellationToken)
            ?? throw new NotFoundException("The token");
        var now = clock.GetUtcNow();
        token.Revoke(now);
        await db.SaveChangesAsync(cancellationToken);
        return TokenDto.From(token, now);
    }
}
