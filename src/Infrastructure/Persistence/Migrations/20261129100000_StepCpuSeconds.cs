using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>Processing time per step: the CPU seconds of a step's tools.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129100000_StepCpuSeconds")]
public sealed class StepCpuSeconds : Migration
{
    protected override void Up(MigrationBuilder mb) => mb.AddColumn<double>("CpuSeconds", "AnalysisSteps", nullable: true);

    protected override void Down(MigrationBuilder mb) => mb.DropColumn("CpuSeconds", "AnalysisSteps");
}
