package app.miniwallet.infra.architecture.planted.processor.transfer;

import org.springframework.stereotype.Component;

@Component
public class SpringManagedLedger {}
