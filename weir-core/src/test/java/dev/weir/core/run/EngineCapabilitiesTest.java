package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyedWrites;
import dev.weir.core.spi.LazyStaging;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class EngineCapabilitiesTest {
    @Test
    void aSessionHasTheCapabilitiesItImplements() {
        EngineSession session = session(EngineSession.class, LazyStaging.class);

        assertThat(session.capability(LazyStaging.class)).containsSame((LazyStaging) session);
        assertThat(session.capability(KeyedWrites.class)).isEmpty();
    }

    @Test
    void aStepThatNeedsAMissingCapabilitySaysWhatCannotBeDoneAndWhy() {
        EngineSession session = session(EngineSession.class);

        assertThatThrownBy(() -> EngineCapabilities.require(session, KeyedWrites.class, "upsert into silver.orders"))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot upsert into silver.orders: the engine has no KeyedWrites capability");
                });
    }

    /** A session whose only behaviour is its default methods; every other call fails. */
    private static EngineSession session(Class<?>... interfaces) {
        return (EngineSession) Proxy.newProxyInstance(
                EngineCapabilitiesTest.class.getClassLoader(), interfaces, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
