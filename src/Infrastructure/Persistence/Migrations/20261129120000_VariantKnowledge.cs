using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>The organization's knowledge of variants (classifications with history, notes with revisions, tags) and shared filters.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129120000_VariantKnowledge")]
public sealed class VariantKnowledge : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Classifications", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Build = t.Column<string>(maxLength: 100, nullable: false),
            Chrom = t.Column<string>(maxLength: 255, nullable: false),
            Position = t.Column<long>(nullable: false),
            Ref = t.Column<string>(maxLength: 1000, nullable: false),
            Alt = t.Column<string>(maxLength: 1000, nullable: false),
            Tier = t.Column<string>(maxLength: 24, nullable: false),
            Evidence = t.Column<string>(maxLength: 8000, nullable: true),
            ClassifiedBy = t.Column<Guid>(nullable: false),
            ClassifiedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Classifications", x => x.Id);
            t.ForeignKey("FK_Classifications_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Classifications_OrganizationId_Build_Chrom_Position_Ref_Alt", "Classifications",
            ["OrganizationId", "Build", "Chrom", "Position", "Ref", "Alt"], unique: true);

        mb.CreateTable("ClassificationRevisions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ClassificationId = t.Column<Guid>(nullable: false),
            Tier = t.Column<string>(maxLength: 24, nullable: false),
            Evidence = t.Column<string>(maxLength: 8000, nullable: true),
            ChangedBy = t.Column<Guid>(nullable: false),
            ChangedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ClassificationRevisions", x => x.Id);
            t.ForeignKey("FK_ClassificationRevisions_Classifications_ClassificationId", x => x.ClassificationId, "Classifications", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ClassificationRevisions_ClassificationId", "ClassificationRevisions", "ClassificationId");

        mb.CreateTable("VariantNotes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Build = t.Column<string>(maxLength: 100, nullable: false),
            Chrom = t.Column<string>(maxLength: 255, nullable: false),
            Position = t.Column<long>(nullable: false),
            Ref = t.Column<string>(maxLength: 1000, nullable: false),
            Alt = t.Column<string>(maxLength: 1000, nullable: false),
            AuthorId = t.Column<Guid>(nullable: false),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            EditedAt = t.Column<DateTimeOffset>(nullable: true),
            DeletedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_VariantNotes", x => x.Id);
            t.ForeignKey("FK_VariantNotes_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_VariantNotes_OrganizationId_Build_Chrom_Position_Ref_Alt", "VariantNotes", ["OrganizationId", "Build", "Chrom", "Position", "Ref", "Alt"]);

        mb.CreateTable("VariantNoteRevisions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            NoteId = t.Column<Guid>(nullable: false),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            WrittenAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_VariantNoteRevisions", x => x.Id);
            t.ForeignKey("FK_VariantNoteRevisions_VariantNotes_NoteId", x => x.NoteId, "VariantNotes", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_VariantNoteRevisions_NoteId", "VariantNoteRevisions", "NoteId");

        mb.CreateTable("VariantTags", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            Build = t.Column<string>(maxLength: 100, nullable: false),
            Chrom = t.Column<string>(maxLength: 255, nullable: false),
            Position = t.Column<long>(nullable: false),
            Ref = t.Column<string>(maxLength: 1000, nullable: false),
            Alt = t.Column<string>(maxLength: 1000, nullable: false),
            Tag = t.Column<string>(maxLength: 50, nullable: false),
            AddedBy = t.Column<Guid>(nullable: false),
            AddedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_VariantTags", x => new { x.OrganizationId, x.Build, x.Chrom, x.Position, x.Ref, x.Alt, x.Tag });
            t.ForeignKey("FK_VariantTags_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("GeneLists", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Genes = t.Column<string>(nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            UpdatedBy = t.Column<Guid>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GeneLists", x => x.Id);
            t.ForeignKey("FK_GeneLists_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_GeneLists_OrganizationId_Name", "GeneLists", ["OrganizationId", "Name"], unique: true);

        mb.CreateTable("FilterSets", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            FiltersJson = t.Column<string>(maxLength: 8000, nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            UpdatedBy = t.Column<Guid>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_FilterSets", x => x.Id);
            t.ForeignKey("FK_FilterSets_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_FilterSets_OrganizationId_Name", "FilterSets", ["OrganizationId", "Name"], unique: true);

        mb.CreateTable("SavedSearches", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            OwnerId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            FiltersJson = t.Column<string>(maxLength: 8000, nullable: false),
            Annotation = t.Column<string>(maxLength: 250, nullable: true),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SavedSearches", x => x.Id);
            t.ForeignKey("FK_SavedSearches_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_SavedSearches_OrganizationId_OwnerId_Name", "SavedSearches", ["OrganizationId", "OwnerId", "Name"], unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "SavedSearches", "FilterSets", "GeneLists", "VariantTags", "VariantNoteRevisions", "VariantNotes", "ClassificationRevisions", "Classifications" })
            mb.DropTable(table);
    }
}
