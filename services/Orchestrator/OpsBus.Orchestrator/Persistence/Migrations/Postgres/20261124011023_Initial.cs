using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsBus.Orchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "run_log_lines",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    written_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    level = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    data_json = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_log_lines", x => new { x.run_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "run_steps",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    phase = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_steps", x => new { x.run_id, x.step_id });
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    current_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    plan_json = table.Column<string>(type: "text", nullable: false),
                    template = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    parameters_json = table.Column<string>(type: "text", nullable: true),
                    environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lane = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    session_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    max_attempts = table.Column<int>(type: "integer", nullable: false),
                    heartbeat_timeout_seconds = table.Column<int>(type: "integer", nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    retry_of = table.Column<Guid>(type: "uuid", nullable: true),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    dispatched_attempt = table.Column<int>(type: "integer", nullable: false),
                    claimed_attempt = table.Column<int>(type: "integer", nullable: false),
                    released_attempts = table.Column<int>(type: "integer", nullable: false),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    heartbeat_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_requested_by = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    heartbeat_timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    retry_token_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_message_tombstones",
                columns: table => new
                {
                    token_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    retired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_message_tombstones", x => x.token_id);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_messages",
                columns: table => new
                {
                    token_id = table.Column<Guid>(type: "uuid", nullable: false),
                    destination_address = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    message_types = table.Column<string>(type: "text", nullable: false),
                    content_type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lock_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_messages", x => x.token_id);
                });

            migrationBuilder.CreateTable(
                name: "session_lanes",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    current_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    session_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    lane = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    active_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    waiting = table.Column<string>(type: "text", nullable: false),
                    next_arrival = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_lanes", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_runs_created_at",
                table: "runs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_runs_lane_created_at",
                table: "runs",
                columns: new[] { "lane", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_session_id_created_at",
                table: "runs",
                columns: new[] { "session_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_status_created_at",
                table: "runs",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_template_created_at",
                table: "runs",
                columns: new[] { "template", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_message_tombstones_retired_at",
                table: "scheduled_message_tombstones",
                column: "retired_at");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_messages_due_at",
                table: "scheduled_messages",
                column: "due_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_log_lines");

            migrationBuilder.DropTable(
                name: "run_steps");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "scheduled_message_tombstones");

            migrationBuilder.DropTable(
                name: "scheduled_messages");

            migrationBuilder.DropTable(
                name: "session_lanes");
        }
    }
}
