package app.miniwallet.testsupport.architecture.planted.processor.transfer;

import org.springframework.stereotype.Component;

@Component
public class SpringManagedLedger {}
