namespace PowerSync.Backend.Sample.Database;

/// <summary>The to-do demo's tables, as PowerSync's demos define them, created idempotently at start-up.</summary>
public static class TodoSchema
{
    /// <summary>
    /// The schema of the tables. Every statement names it: with the default <c>search_path</c> (<c>"$user", public</c>)
    /// a role named <c>powersync</c> would otherwise create and read tables in the ledger's <c>powersync</c> schema.
    /// </summary>
    public const string Schema = "public";

    /// <summary>The lists table.</summary>
    public const string Lists = "lists";

    /// <summary>The todos table.</summary>
    public const string Todos = "todos";

    /// <summary>
    /// The tables, their indexes and the <c>powersync</c> publication a PowerSync Service replicates from.
    /// </summary>
    /// <remarks>
    /// User columns (<c>owner_id</c>, <c>created_by</c>, <c>completed_by</c>) are text, not uuid as in the Supabase
    /// demo: they hold the token's <c>sub</c>, which is whatever the sign-in (or <c>?user_id=</c>) says.
    /// Runs under an advisory lock so that instances starting together do not race on <c>CREATE … IF NOT EXISTS</c>.
    /// The publication is best effort: a role that may not create one still gets a working backend.
    /// </remarks>
    public const string CreateSql = """
        SELECT pg_advisory_xact_lock(hashtext('powersync-sample-schema'));

        CREATE TABLE IF NOT EXISTS public.lists (
            id         uuid        PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT now(),
            name       text        NOT NULL,
            owner_id   text        NOT NULL
        );
        CREATE INDEX IF NOT EXISTS lists_owner_id ON public.lists (owner_id);

        CREATE TABLE IF NOT EXISTS public.todos (
            id           uuid        PRIMARY KEY,
            created_at   timestamptz NOT NULL DEFAULT now(),
            completed_at timestamptz,
            description  text        NOT NULL,
            completed    boolean     NOT NULL DEFAULT false,
            created_by   text,
            completed_by text,
            list_id      uuid        NOT NULL REFERENCES public.lists (id) ON DELETE CASCADE,
            photo_id     uuid
        );
        CREATE INDEX IF NOT EXISTS todos_list_id ON public.todos (list_id);

        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_publication WHERE pubname = 'powersync') THEN
                CREATE PUBLICATION powersync FOR TABLE public.lists, public.todos;
            END IF;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'no publication created: % (a PowerSync Service needs one: CREATE PUBLICATION powersync FOR TABLE lists, todos)', SQLERRM;
        END
        $$;
        """;
}
