using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsBus.Orchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Approvals : Migration
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
                name: "template_version",
                table: "runs",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "template_version",
                table: "runs");
        }
    }
}
