using OpsBus.LaneWorker.Schema;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_two_schemas_are_compared
{
    private static readonly ColumnModel Id = new("id", "bigint", false, Identity: "BY DEFAULT");
    private static readonly IndexModel UsersKey = new("users_pkey", "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)", "PRIMARY KEY (id)");

    private static TableModel Users(params ColumnModel[] more) =>
        new("users", [Id, .. more], [UsersKey]);

    private static string Script(SchemaModel source, SchemaModel target) =>
        SchemaScript.Render("public", SchemaDiff.Compare(source, target));

    [Fact]
    public void Should_find_nothing_between_equal_schemas()
    {
        var schema = new SchemaModel([Users(new ColumnModel("email", "text", false))]);

        Assert.Empty(SchemaDiff.Compare(schema, schema with { Tables = [Users(new ColumnModel("email", "text", false))] }));
    }

    [Fact]
    public void Should_create_a_missing_table_with_its_columns_then_its_constraints_and_indexes()
    {
        var orders = new TableModel("Order Items",
            [
                new ColumnModel("id", "integer", false, "nextval('\"Order Items_id_seq\"'::regclass)"),
                new ColumnModel("user\"id", "bigint", true),
                new ColumnModel("created", "timestamp with time zone", false, "now()"),
            ],
            [new IndexModel("order_items_created", "CREATE INDEX order_items_created ON public.\"Order Items\" USING btree (created)")]);

        Assert.Equal(
            """
            CREATE TABLE "public"."Order Items" (
                "id" serial NOT NULL,
                "user""id" bigint,
                "created" timestamp with time zone DEFAULT now() NOT NULL
            );
            CREATE INDEX order_items_created ON public."Order Items" USING btree (created);

            """.ReplaceLineEndings("\n"),
            Script(new SchemaModel([orders, Users()]), new SchemaModel([Users()])));
    }

    [Fact]
    public void Should_alter_columns_in_source_order_and_drop_extra_ones()
    {
        var source = new SchemaModel([Users(
            new ColumnModel("email", "character varying(320)", false),
            new ColumnModel("plan", "text", false, "'free'::text"),
            new ColumnModel("nickname", "text", true))]);
        var target = new SchemaModel([Users(
            new ColumnModel("legacy", "integer", true),
            new ColumnModel("email", "character varying(200)", true),
            new ColumnModel("plan", "text", true, "'trial'::text"))]);

        Assert.Equal(
            [
                "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"email\" TYPE character varying(320) USING \"email\"::character varying(320);",
                "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"email\" SET NOT NULL;",
                "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"plan\" SET DEFAULT 'free'::text;",
                "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"plan\" SET NOT NULL;",
                "ALTER TABLE \"public\".\"users\" ADD COLUMN \"nickname\" text;",
                "ALTER TABLE \"public\".\"users\" DROP COLUMN \"legacy\";",
            ],
            SchemaDiff.Compare(source, target).Select(c => SchemaScript.Statement("public", c)));
    }

    [Fact]
    public void Should_drop_changed_indexes_and_extra_tables_first_and_create_indexes_last()
    {
        var byEmail = new IndexModel("users_email", "CREATE INDEX users_email ON public.users USING btree (email)");
        var source = new SchemaModel([new TableModel("users", [Id, new ColumnModel("email", "text", false)],
            [UsersKey, byEmail with { Definition = "CREATE UNIQUE INDEX users_email ON public.users USING btree (lower(email))" }])]);
        var target = new SchemaModel([
            new TableModel("audit", [Id], []),
            new TableModel("users", [Id, new ColumnModel("email", "text", false)], [byEmail, new IndexModel("users_email_key", "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", "UNIQUE (email)")]),
        ]);

        var changes = SchemaDiff.Compare(source, target);

        Assert.Equal(
            [
                "drop index users_email on users",
                "drop constraint users_email_key on users",
                "drop table audit",
                "create index users_email on users",
                "add constraint users_pkey on users: PRIMARY KEY (id)",
            ],
            changes.Select(SchemaScript.Describe));
        Assert.Equal(
            [
                "DROP INDEX \"public\".\"users_email\";",
                "ALTER TABLE \"public\".\"users\" DROP CONSTRAINT \"users_email_key\";",
                "DROP TABLE \"public\".\"audit\";",
                "CREATE UNIQUE INDEX users_email ON public.users USING btree (lower(email));",
                "ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_pkey\" PRIMARY KEY (id);",
            ],
            changes.Select(c => SchemaScript.Statement("public", c)));
    }

    [Fact]
    public void Should_move_identity_and_default_in_an_order_postgresql_accepts()
    {
        var source = new SchemaModel([new TableModel("t", [new ColumnModel("id", "bigint", false, Identity: "ALWAYS")], [])]);
        var target = new SchemaModel([new TableModel("t", [new ColumnModel("id", "integer", true, "nextval('t_id_seq'::regclass)")], [])]);

        Assert.Equal(
            [
                "change type of t.id: integer → bigint",
                "drop default of t.id",
                "forbid NULL in t.id",
                "make t.id an identity (ALWAYS)",
            ],
            SchemaDiff.Compare(source, target).Select(SchemaScript.Describe));
    }

    [Fact]
    public void Should_give_the_same_script_whatever_the_order_tables_were_read_in()
    {
        var a = new TableModel("a", [Id], []);
        var b = new TableModel("b", [Id], []);

        Assert.Equal(Script(new SchemaModel([a, b]), SchemaModel.Empty), Script(new SchemaModel([b, a]), SchemaModel.Empty));
        Assert.Equal(["a", "b"], SchemaDiff.Compare(new SchemaModel([b, a]), SchemaModel.Empty).Select(c => c.Table));
    }
}
