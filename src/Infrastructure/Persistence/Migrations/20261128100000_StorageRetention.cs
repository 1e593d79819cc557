using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>The organization's storage preferences: delete FASTQ / BAM files N days after their analysis completed.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261128100000_StorageRetention")]
public sealed class StorageRetention : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("DeleteFastqDaysAfterAnalysis", "Organizations", nullable: true);
        mb.AddColumn<int>("DeleteBamDaysAfterAnalysis", "Organizations", nullable: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn("DeleteBamDaysAfterAnalysis", "Organizations");
        mb.DropColumn("DeleteFastqDaysAfterAnalysis", "Organizations");
    }
}
