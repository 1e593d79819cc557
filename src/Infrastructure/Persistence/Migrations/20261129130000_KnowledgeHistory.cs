using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// A classification's and a note's earlier versions cannot be rewritten: triggers refuse UPDATE on their revision rows
/// (both providers). DELETE stays possible for the organization's own deletion, which cascades.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129130000_KnowledgeHistory")]
public sealed class KnowledgeHistory : Migration
{
    private static readonly string[] Tables = ["ClassificationRevisions", "VariantNoteRevisions"];

    protected override void Up(MigrationBuilder mb)
    {
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            mb.Sql("""
                CREATE FUNCTION knowledge_revisions_unchangeable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'revisions of classifications and notes are never changed'; END $$
                """);
            foreach (var table in Tables)
                mb.Sql($"""CREATE TRIGGER "TR_{table}_NoUpdate" BEFORE UPDATE ON "{table}" FOR EACH ROW EXECUTE FUNCTION knowledge_revisions_unchangeable()""");
        }
        else
        {
            foreach (var table in Tables)
                mb.Sql($"""CREATE TRIGGER "TR_{table}_NoUpdate" BEFORE UPDATE ON "{table}" BEGIN SELECT RAISE(ABORT, 'revisions of classifications and notes are never changed'); END""");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in Tables)
            mb.Sql(ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? $"""DROP TRIGGER "TR_{table}_NoUpdate" ON "{table}" """ : $"""DROP TRIGGER "TR_{table}_NoUpdate" """);
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL") mb.Sql("DROP FUNCTION knowledge_revisions_unchangeable()");
    }
}
