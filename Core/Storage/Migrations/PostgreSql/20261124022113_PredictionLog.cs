using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MlOpsDashboard.Core.Storage.Migrations.PostgreSql
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Timestamp = table.Column<long>(type: "bigint", nullable: false),
                    Model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    VersionSource = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Features = table.Column<string>(type: "text", nullable: false),
                    Output = table.Column<double>(type: "double precision", nullable: false),
                    LatencyMilliseconds = table.Column<double>(type: "double precision", nullable: false),
                    TraceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Caller = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
