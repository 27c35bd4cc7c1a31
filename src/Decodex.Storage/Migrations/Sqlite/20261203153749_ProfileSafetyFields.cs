using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Decodex.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfileSafetyFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Allergies",
                table: "Profiles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Breastfeeding",
                table: "Profiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Pregnant",
                table: "Profiles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Allergies",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "Breastfeeding",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "Pregnant",
                table: "Profiles");
        }
    }
}
