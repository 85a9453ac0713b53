package io.latchkey.core.enrollment;

import java.util.Optional;

/** Storage port: the Android Enterprise binding (one per Latchkey installation). */
public interface AndroidEnterprises {

    Optional<AndroidEnterprise> current();

    /** Binds (or re-binds) the installation to this enterprise. */
    void save(AndroidEnterprise enterprise);
}
