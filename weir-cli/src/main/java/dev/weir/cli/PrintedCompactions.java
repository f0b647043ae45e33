package dev.weir.cli;

import dev.weir.core.error.WeirException;
import dev.weir.core.run.TableCompactor;
import dev.weir.core.spec.TableId;
import dev.weir.scheduler.FollowedCompactions;
import java.io.PrintWriter;

/** The compactions of {@code weir run --follow}, told on the terminal as {@code weir table compact} tells them. */
final class PrintedCompactions implements FollowedCompactions.Report {
    private final PrintWriter out;
    private final PrintWriter err;

    PrintedCompactions(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void compacted(TableCompactor.Result result) {
        out.println(TableCompactCommand.describe(result));
        out.flush();
    }

    @Override
    public void failed(TableId table, WeirException failure) {
        err.println("weir: compacting " + table + " failed, which changed no row; the next batch goes on and a"
                + " later compaction tries again: " + failure.render());
        err.flush();
    }
}
