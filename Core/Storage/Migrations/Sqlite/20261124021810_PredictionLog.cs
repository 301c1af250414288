using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsDashboard.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PredictionLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PredictionLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionSource = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Features = table.Column<string>(type: "TEXT", nullable: false),
                    Output = table.Column<double>(type: "REAL", nullable: false),
                    LatencyMilliseconds = table.Column<double>(type: "REAL", nullable: false),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Caller = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionLog_Model_Version_Timestamp",
                table: "PredictionLog",
                columns: new[] { "Model", "Version", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionLog_Timestamp",
                table: "PredictionLog",
                column: "Timestamp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PredictionLog");
        }
    }
}
