using VariantMiner.Application.Samples;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Variants;

namespace VariantMiner.Application.Variants;

public sealed record ClassificationRevisionDto(string Classification, string? Evidence, PersonDto ChangedBy, DateTimeOffset ChangedAt);

/// <param name="Classification">pathogenic, likely-pathogenic, uncertain, likely-benign or benign; null when never classified.</param>
/// <param name="History">Every classification given, newest first.</param>
public sealed record ClassificationDto(string Key, string? Classification, string? Evidence, PersonDto? ClassifiedBy, DateTimeOffset? ClassifiedAt,
    IReadOnlyList<ClassificationRevisionDto> History);

/// <summary>The organization's classification of a variant key and its whole history (every member may read it).</summary>
public sealed record GetClassification(Guid OrganizationId, string VariantKey) : IQuery<ClassificationDto>, IOrganizationRequest;

public sealed class GetClassificationHandler(IApplicationDbContext db, IUserAccounts accounts) : IQueryHandler<GetClassification, ClassificationDto>
{
    public async ValueTask<ClassificationDto> Handle(GetClassification query, CancellationToken cancellationToken)
    {
        var key = Keys.Parse(query.VariantKey);
        var current = await Keys.Find(db.Classifications.AsNoTracking().Include(c => c.History), key).SingleOrDefaultAsync(cancellationToken);
        return await ToDtoAsync(key, current, accounts, cancellationToken);
    }

    internal static async Task<ClassificationDto> ToDtoAsync(VariantKey key, Classification? c, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        if (c is null) return new ClassificationDto(key.ToString(), null, null, null, null, []);
        var names = await accounts.DisplayNamesAsync(c.History.Select(h => h.ChangedBy).Append(c.ClassifiedBy), cancellationToken);
        PersonDto Person(Guid id) => new(id, names.GetValueOrDefault(id, "(former member)"));
        return new ClassificationDto(key.ToString(), Tiers.Name(c.Tier), c.Evidence, Person(c.ClassifiedBy), c.ClassifiedAt,
            c.History.OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
                .Select(h => new ClassificationRevisionDto(Tiers.Name(h.Tier), h.Evidence, Person(h.ChangedBy), h.ChangedAt)).ToList());
    }
}

/// <summary>Classifies a variant for the whole organization (variants.classify); the previous classification stays in the history.</summary>
[RequiresPermission(Permissions.VariantsClassify)]
public sealed record ClassifyVariant(string Classification, string? Evidence) : ICommand<ClassificationDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public string VariantKey { get; init; } = "";
}

public sealed class ClassifyVariantValidator : AbstractValidator<ClassifyVariant>
{
    public ClassifyVariantValidator()
    {
        RuleFor(c => c.Classification).Must(t => Tiers.Parse(t) is not null).WithMessage($"classification is one of {string.Join(", ", Tiers.Names)}.");
        RuleFor(c => c.Evidence).MaximumLength(Domain.Variants.Classification.EvidenceMaxLength);
    }
}

public sealed class ClassifyVariantHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<ClassifyVariant, ClassificationDto>
{
    public async ValueTask<ClassificationDto> Handle(ClassifyVariant command, CancellationToken cancellationToken)
    {
        var key = Keys.Parse(command.VariantKey);
        var tier = Tiers.Parse(command.Classification)!.Value;
        var me = currentUser.UserId!.Value;
        var now = clock.GetUtcNow();
        var current = await Keys.Find(db.Classifications.Include(c => c.History), key).SingleOrDefaultAsync(cancellationToken);
        if (current is null) db.Classifications.Add(current = new Classification(command.OrganizationId, key, tier, command.Evidence, me, now));
        else current.Classify(tier, command.Evidence, me, now);
        await db.SaveChangesAsync(cancellationToken);
        return await GetClassificationHandler.ToDtoAsync(key, current, accounts, cancellationToken);
    }
}

public sealed record NoteRevisionDto(string Text, DateTimeOffset WrittenAt);

/// <param name="Revisions">Every text the note had, oldest first (the last is the current one).</param>
public sealed record VariantNoteDto(Guid Id, string Key, string Text, PersonDto Author, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Mine,
    IReadOnlyList<NoteRevisionDto> Revisions);

/// <summary>The notes on a variant key, oldest first (deleted ones are gone from the list; their revisions stay in the database and the audit trail).</summary>
public sealed record ListVariantNotes(Guid OrganizationId, string VariantKey) : IQuery<IReadOnlyList<VariantNoteDto>>, IOrganizationRequest;

public sealed class ListVariantNotesHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<ListVariantNotes, IReadOnlyList<VariantNoteDto>>
{
    public async ValueTask<IReadOnlyList<VariantNoteDto>> Handle(ListVariantNotes query, CancellationToken cancellationToken)
    {
        var key = Keys.Parse(query.VariantKey);
        var notes = await Keys.Find(db.VariantNotes.AsNoTracking().Include(n => n.Revisions), key).Where(n => n.DeletedAt == null)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(500).ToListAsync(cancellationToken);
        return await ToDtosAsync(notes, currentUser.UserId!.Value, accounts, cancellationToken);
    }

    internal static async Task<IReadOnlyList<VariantNoteDto>> ToDtosAsync(IReadOnlyList<VariantNote> notes, Guid me, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(notes.Select(n => n.AuthorId), cancellationToken);
        return notes.Select(n => new VariantNoteDto(n.Id, new VariantKey(n.Build, n.Chrom, n.Position, n.Ref, n.Alt).ToString(), n.Text,
            new PersonDto(n.AuthorId, names.GetValueOrDefault(n.AuthorId, "(former member)")), n.CreatedAt, n.EditedAt, n.IsAuthor(me),
            n.Revisions.OrderBy(r => r.WrittenAt).ThenBy(r => r.Id).Select(r => new NoteRevisionDto(r.Text, r.WrittenAt)).ToList())).ToList();
    }
}

/// <summary>Adds a note to a variant key (any member: notes are how colleagues share what they found).</summary>
public sealed record AddVariantNote(string Text) : ICommand<VariantNoteDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public string VariantKey { get; init; } = "";
}

public sealed class AddVariantNoteValidator : AbstractValidator<AddVariantNote>
{
    public AddVariantNoteValidator() => RuleFor(c => c.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(VariantNote.TextMaxLength);
}

public sealed class AddVariantNoteHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<AddVariantNote, VariantNoteDto>
{
    public async ValueTask<VariantNoteDto> Handle(AddVariantNote command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var note = new VariantNote(command.OrganizationId, Keys.Parse(command.VariantKey), command.Text, me, clock.GetUtcNow());
        db.VariantNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return (await ListVariantNotesHandler.ToDtosAsync([note], me, accounts, cancellationToken))[0];
    }
}

/// <summary>Edits one's own note (the earlier text is kept as a revision); someone else's → 403.</summary>
public sealed record EditVariantNote(string Text) : ICommand<VariantNoteDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid NoteId { get; init; }
}

public sealed class EditVariantNoteValidator : AbstractValidator<EditVariantNote>
{
    public EditVariantNoteValidator() => RuleFor(c => c.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(VariantNote.TextMaxLength);
}

public sealed class EditVariantNoteHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<EditVariantNote, VariantNoteDto>
{
    public async ValueTask<VariantNoteDto> Handle(EditVariantNote command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var note = await Notes.OwnAsync(db, command.NoteId, me, "edit", cancellationToken);
        note.Edit(command.Text, me, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return (await ListVariantNotesHandler.ToDtosAsync([note], me, accounts, cancellationToken))[0];
    }
}

/// <summary>Deletes one's own note (its revisions stay, out of the list); someone else's → 403.</summary>
public sealed record DeleteVariantNote(Guid OrganizationId, Guid NoteId) : ICommand, IOrganizationRequest;

public sealed class DeleteVariantNoteHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<DeleteVariantNote>
{
    public async ValueTask<Unit> Handle(DeleteVariantNote command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var note = await Notes.OwnAsync(db, command.NoteId, me, "delete", cancellationToken);
        note.Delete(me, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class Notes
{
    public static async Task<VariantNote> OwnAsync(IApplicationDbContext db, Guid noteId, Guid me, string what, CancellationToken cancellationToken)
    {
        var note = await db.VariantNotes.Include(n => n.Revisions).SingleOrDefaultAsync(n => n.Id == noteId && n.DeletedAt == null, cancellationToken)
            ?? throw new NotFoundException("The note");
        if (!note.IsAuthor(me)) throw new ForbiddenException($"Only the note's author can {what} it.");
        return note;
    }
}

public sealed record VariantTagDto(string Tag, PersonDto AddedBy, DateTimeOffset AddedAt);

/// <summary>The organization's tags on a variant key (every member may read them).</summary>
public sealed record ListVariantTags(Guid OrganizationId, string VariantKey) : IQuery<IReadOnlyList<VariantTagDto>>, IOrganizationRequest;

public sealed class ListVariantTagsHandler(IApplicationDbContext db, IUserAccounts accounts) : IQueryHandler<ListVariantTags, IReadOnlyList<VariantTagDto>>
{
    public async ValueTask<IReadOnlyList<VariantTagDto>> Handle(ListVariantTags query, CancellationToken cancellationToken)
    {
        var tags = await Keys.Find(db.VariantTags.AsNoTracking(), Keys.Parse(query.VariantKey)).OrderBy(t => t.Tag).ToListAsync(cancellationToken);
        return await ToDtosAsync(tags, accounts, cancellationToken);
    }

    internal static async Task<IReadOnlyList<VariantTagDto>> ToDtosAsync(IReadOnlyList<VariantTag> tags, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(tags.Select(t => t.AddedBy), cancellationToken);
        return tags.Select(t => new VariantTagDto(t.Tag, new PersonDto(t.AddedBy, names.GetValueOrDefault(t.AddedBy, "(former member)")), t.AddedAt)).ToList();
    }
}

/// <summary>Sets the tags of a variant key (variants.classify): tags kept keep who added them and when; new ones are mine.</summary>
[RequiresPermission(Permissions.VariantsClassify)]
public sealed record SetVariantTags(IReadOnlyList<string> Tags) : ICommand<IReadOnlyList<VariantTagDto>>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public string VariantKey { get; init; } = "";
}

public sealed class SetVariantTagsValidator : AbstractValidator<SetVariantTags>
{
    public SetVariantTagsValidator()
    {
        RuleFor(c => c.Tags).NotNull().Must(t => t is null || t.Count <= 20).WithMessage("At most 20 tags.");
        RuleForEach(c => c.Tags).Must(t => t is { Length: > 0 } && t.Trim().Length is > 0 and <= VariantTag.MaxLength)
            .WithMessage($"A tag is 1 to {VariantTag.MaxLength} characters.");
    }
}

public sealed class SetVariantTagsHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<SetVariantTags, IReadOnlyList<VariantTagDto>>
{
    public async ValueTask<IReadOnlyList<VariantTagDto>> Handle(SetVariantTags command, CancellationToken cancellationToken)
    {
        var key = Keys.Parse(command.VariantKey);
        var wanted = command.Tags.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var existing = await Keys.Find(db.VariantTags, key).ToListAsync(cancellationToken);
        db.VariantTags.RemoveRange(existing.Where(e => !wanted.Contains(e.Tag, StringComparer.OrdinalIgnoreCase)));
        var now = clock.GetUtcNow();
        foreach (var tag in wanted.Where(w => !existing.Any(e => string.Equals(e.Tag, w, StringComparison.OrdinalIgnoreCase))))
            db.VariantTags.Add(new VariantTag(command.OrganizationId, key, tag, currentUser.UserId!.Value, now));
        await db.SaveChangesAsync(cancellationToken);
        var tags = await Keys.Find(db.VariantTags.AsNoTracking(), key).OrderBy(t => t.Tag).ToListAsync(cancellationToken);
        return await ListVariantTagsHandler.ToDtosAsync(tags, accounts, cancellationToken);
    }
}

/// <summary>Variant keys in requests, and the rows of a knowledge table holding one.</summary>
internal static class Keys
{
    public static VariantKey Parse(string text)
    {
        try { return VariantKey.Parse(Uri.UnescapeDataString(text)); }
        catch (DomainException e) { throw Invalid.Field("variantKey", e.Message); }
    }

    public static IQueryable<Classification> Find(IQueryable<Classification> rows, VariantKey k) =>
        rows.Where(c => c.Build == k.Build && c.Chrom == k.Chrom && c.Position == k.Position && c.Ref == k.Ref && c.Alt == k.Alt);

    public static IQueryable<VariantNote> Find(IQueryable<VariantNote> rows, VariantKey k) =>
        rows.Where(c => c.Build == k.Build && c.Chrom == k.Chrom && c.Position == k.Position && c.Ref == k.Ref && c.Alt == k.Alt);

    public static IQueryable<VariantTag> Find(IQueryable<VariantTag> rows, VariantKey k) =>
        rows.Where(c => c.Build == k.Build && c.Chrom == k.Chrom && c.Position == k.Position && c.Ref == k.Ref && c.Alt == k.Alt);
}

/// <summary>The five tiers as the API spells them.</summary>
public static class Tiers
{
    public static readonly string[] Names = ["pathogenic", "likely-pathogenic", "uncertain", "likely-benign", "benign"];

    public static string Name(AcmgTier tier) => Names[(int)tier];

    public static AcmgTier? Parse(string? name)
    {
        var i = Array.IndexOf(Names, (name ?? "").Trim().ToLowerInvariant());
        return i < 0 ? null : (AcmgTier)i;
    }
}
