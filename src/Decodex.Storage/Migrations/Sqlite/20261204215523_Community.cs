using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Decodex.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Community : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommunityAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PostId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommunityMembers",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Clinician = table.Column<bool>(type: "INTEGER", nullable: false),
                    Joined = table.Column<long>(type: "INTEGER", nullable: false),
                    SigningKey = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityMembers", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_CommunityMembers_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommunityPosts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompoundId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Accepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    Updated = table.Column<long>(type: "INTEGER", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityPosts_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CommunityRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rater = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: true),
                    CompoundId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Excluded = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityRatings_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharedTrials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: true),
                    TrialId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompoundId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Blinded = table.Column<bool>(type: "INTEGER", nullable: false),
                    AnalysedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Effect = table.Column<double>(type: "REAL", nullable: false),
                    StandardError = table.Column<double>(type: "REAL", nullable: false),
                    PlanSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Shared = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedTrials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharedTrials_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CommunityFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ById = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Upheld = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityFlags_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommunityFlags_CommunityPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "CommunityPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityAudit_At",
                table: "CommunityAudit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityFlags_ById",
                table: "CommunityFlags",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityFlags_PostId",
                table: "CommunityFlags",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityMembers_Pseudonym",
                table: "CommunityMembers",
                column: "Pseudonym",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityPosts_AuthorId",
                table: "CommunityPosts",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityPosts_CompoundId_Kind_ParentId_State_Created",
                table: "CommunityPosts",
                columns: new[] { "CompoundId", "Kind", "ParentId", "State", "Created" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityPosts_ItemId",
                table: "CommunityPosts",
                column: "ItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityPosts_ParentId",
                table: "CommunityPosts",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityPosts_State_Created",
                table: "CommunityPosts",
                columns: new[] { "State", "Created" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityRatings_AccountId",
                table: "CommunityRatings",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityRatings_CompoundId",
                table: "CommunityRatings",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityRatings_Rater_CompoundId",
                table: "CommunityRatings",
                columns: new[] { "Rater", "CompoundId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharedTrials_CompoundId_Outcome",
                table: "SharedTrials",
                columns: new[] { "CompoundId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedTrials_ItemId",
                table: "SharedTrials",
                column: "ItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharedTrials_OwnerId",
                table: "SharedTrials",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommunityAudit");

            migrationBuilder.DropTable(
                name: "CommunityFlags");

            migrationBuilder.DropTable(
                name: "CommunityMembers");

            migrationBuilder.DropTable(
                name: "CommunityRatings");

            migrationBuilder.DropTable(
                name: "SharedTrials");

            migrationBuilder.DropTable(
                name: "CommunityPosts");
        }
    }
}
