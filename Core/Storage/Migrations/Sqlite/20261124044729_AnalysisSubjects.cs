using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsDashboard.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalysisSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "Analyses",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Analyses_Subject",
                table: "Analyses",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Analyses_Subject",
                table: "Analyses");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "Analyses");
        }
    }
}
