using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsBus.Orchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SpecDocs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spec_documents",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    title = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spec_documents", x => x.slug);
                });

            migrationBuilder.CreateTable(
                name: "spec_document_versions",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spec_document_versions", x => new { x.slug, x.version });
                    table.ForeignKey(
                        name: "FK_spec_document_versions_spec_documents_slug",
                        column: x => x.slug,
                        principalTable: "spec_documents",
                        principalColumn: "slug",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spec_document_versions");

            migrationBuilder.DropTable(
                name: "spec_documents");
        }
    }
}
