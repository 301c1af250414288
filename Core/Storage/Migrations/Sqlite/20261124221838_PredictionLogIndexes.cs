using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsDashboard.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PredictionLogIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PredictionLog_Timestamp",
                table: "PredictionLog");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PredictionLog_Timestamp",
                table: "PredictionLog",
                column: "Timestamp");
        }
    }
}
