using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsBus.Notifier.Notifications.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SealedChannelCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
