using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Decodex.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerUserEncryption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Sealed",
                table: "Profiles",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UserKeys",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    PasswordSalt = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PasswordIterations = table.Column<int>(type: "INTEGER", nullable: false),
                    WrappedByPassword = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RecoverySalt = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RecoveryIterations = table.Column<int>(type: "INTEGER", nullable: false),
                    WrappedByRecovery = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Created = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserKeys", x => x.OwnerId);
                    table.ForeignKey(
                        name: "FK_UserKeys_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserKeys");

            migrationBuilder.DropColumn(
                name: "Sealed",
                table: "Profiles");
        }
    }
}
