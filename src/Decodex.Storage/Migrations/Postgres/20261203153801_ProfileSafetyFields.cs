using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Decodex.Storage.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Breastfeeding",
                table: "Profiles",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Pregnant",
                table: "Profiles",
                type: "text",
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
