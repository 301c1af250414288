using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsDashboard.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Predictors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelAliases",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelAliases", x => new { x.Kind, x.Alias });
                });

            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Trainer = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    DataSource = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Directory = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MetricsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReferenceProfileJson = table.Column<string>(type: "TEXT", nullable: false),
                    ProjectFiguresJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Kind_Number",
                table: "ModelVersions",
                columns: new[] { "Kind", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelAliases");

            migrationBuilder.DropTable(
                name: "ModelVersions");
        }
    }
}
