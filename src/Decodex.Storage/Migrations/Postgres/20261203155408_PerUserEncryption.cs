using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Decodex.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PerUserEncryption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "FileName",
                table: "Uploads",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(260)",
                oldMaxLength: 260);

            migrationBuilder.AlterColumn<string>(
                name: "Verdict",
                table: "Reports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<string>(
                name: "CompoundId",
                table: "Reports",
                type: "character varying(512)",
                maxLength: 512,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<byte[]>(
                name: "Sealed",
                table: "Profiles",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UserKeys",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    PasswordSalt = table.Column<byte[]>(type: "bytea", nullable: false),
                    PasswordIterations = table.Column<int>(type: "integer", nullable: false),
                    WrappedByPassword = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecoverySalt = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecoveryIterations = table.Column<int>(type: "integer", nullable: false),
                    WrappedByRecovery = table.Column<byte[]>(type: "bytea", nullable: false),
                    Created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "FileName",
                table: "Uploads",
                type: "character varying(260)",
                maxLength: 260,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1024)",
                oldMaxLength: 1024);

            migrationBuilder.AlterColumn<string>(
                name: "Verdict",
                table: "Reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);

            migrationBuilder.AlterColumn<string>(
                name: "CompoundId",
                table: "Reports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512);
        }
    }
}
