using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MlOpsDashboard.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Drift : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DriftReferenceProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftReferenceProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DriftResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Feature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Statistic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    Drifted = table.Column<bool>(type: "boolean", nullable: false),
                    WindowStart = table.Column<long>(type: "bigint", nullable: false),
                    WindowEnd = table.Column<long>(type: "bigint", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftResults", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DriftReferenceProfiles_Model_Version",
                table: "DriftReferenceProfiles",
                columns: new[] { "Model", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DriftResults_Model_Version_Feature_WindowStart",
                table: "DriftResults",
                columns: new[] { "Model", "Version", "Feature", "WindowStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DriftResults_WindowStart",
                table: "DriftResults",
                column: "WindowStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriftReferenceProfiles");

            migrationBuilder.DropTable(
                name: "DriftResults");
        }
    }
}
