using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsBus.Orchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GitHubTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trigger_delivery_id",
                table: "runs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trigger_event",
                table: "runs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "trigger_id",
                table: "runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trigger_ref",
                table: "runs",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trigger_repository",
                table: "runs",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trigger_sha",
                table: "runs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "github_deliveries",
                columns: table => new
                {
                    delivery_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(64)", maxLength: 64, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    handled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ignored = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_github_deliveries", x => x.delivery_id);
                });

            migrationBuilder.CreateTable(
                name: "trigger_evaluations",
                columns: table => new
                {
                    trigger_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    repository = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    @ref = table.Column<string>(name: "ref", type: "character varying(256)", maxLength: 256, nullable: true),
                    sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    evaluated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trigger_evaluations", x => new { x.trigger_id, x.delivery_id });
                });

            migrationBuilder.CreateTable(
                name: "triggers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    repository = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    actions_json = table.Column<string>(type: "text", nullable: false),
                    branches_json = table.Column<string>(type: "text", nullable: false),
                    template = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    parameters_json = table.Column<string>(type: "text", nullable: false),
                    environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lane = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    session_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triggers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_trigger_evaluations_trigger_id_evaluated_at",
                table: "trigger_evaluations",
                columns: new[] { "trigger_id", "evaluated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_triggers_event_enabled",
                table: "triggers",
                columns: new[] { "event", "enabled" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "github_deliveries");

            migrationBuilder.DropTable(
                name: "trigger_evaluations");

            migrationBuilder.DropTable(
                name: "triggers");

            migrationBuilder.DropColumn(
                name: "trigger_delivery_id",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trigger_event",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trigger_id",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trigger_ref",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trigger_repository",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trigger_sha",
                table: "runs");
        }
    }
}
