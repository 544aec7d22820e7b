using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsBus.Orchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Runbooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approval_comment",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "approval_decided_at",
                table: "runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approval_decided_by",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approval_decision",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "approval_expires_at",
                table: "runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "approval_timeout_token_id",
                table: "runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "plan_hash",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "requires_approval",
                table: "runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "risk",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status_sequence",
                table: "runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "template_version",
                table: "runs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "schedules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    template = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    parameters_json = table.Column<string>(type: "text", nullable: false),
                    environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lane = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    cron = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_fire_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_fired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    generation = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schedules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_templates", x => x.slug);
                });

            migrationBuilder.CreateTable(
                name: "template_versions",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_versions", x => new { x.slug, x.version });
                    table.ForeignKey(
                        name: "FK_template_versions_templates_slug",
                        column: x => x.slug,
                        principalTable: "templates",
                        principalColumn: "slug",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_schedules_created_by",
                table: "schedules",
                column: "created_by");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "schedules");

            migrationBuilder.DropTable(
                name: "template_versions");

            migrationBuilder.DropTable(
                name: "templates");

            migrationBuilder.DropColumn(
                name: "approval_comment",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "approval_decided_at",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "approval_decided_by",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "approval_decision",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "approval_expires_at",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "approval_timeout_token_id",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "plan_hash",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "requires_approval",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "risk",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "status_sequence",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "template_version",
                table: "runs");
        }
    }
}
