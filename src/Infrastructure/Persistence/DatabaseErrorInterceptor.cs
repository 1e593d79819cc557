using Microsoft.EntityFrameworkCore.Diagnostics;
using VariantMiner.Application.Common.Exceptions;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// Turns the database's refusals that a user can cause into the application's own exceptions, so nothing above this
/// layer knows SQLite or PostgreSQL: a unique index violated by a concurrent write, or a row changed by someone else
/// since it was read (optimistic concurrency), both become <see cref="ConflictException"/> (409). EF reports a
/// concurrency failure through its own hook (it skips SaveChangesFailed for it), hence the two entry points.
/// </summary>
internal sealed class DatabaseErrorInterceptor : SaveChangesInterceptor
{
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Translate(eventData.Exception);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Translate(eventData.Exception);
        return Task.CompletedTask;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result) =>
        throw Concurrent();

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default) => throw Concurrent();

    private static ConflictException Concurrent() => new("Someone else changed this record at the same time. Reload it and try again.");

    private static void Translate(Exception exception)
    {
        switch (exception)
        {
            case DbUpdateConcurrencyException:
                throw Concurrent();
            case DbUpdateException { InnerException: ConflictException conflict }: // thrown above, wrapped by EF's batch executor
                throw conflict;
            case DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } }:
            case DbUpdateException { InnerException: Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } lite } when lite.Message.Contains("UNIQUE", StringComparison.Ordinal):
                throw new ConflictException("Something with the same name or key already exists.");
        }
    }
}
