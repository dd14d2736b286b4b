package org.cityservice.shared;

/**
 * A value that does not parse (a time range, a season...). Its message is Chinese and shown to the
 * client as is, with the JSON path of the field when it arose while reading a body.
 */
public class InvalidValueException extends IllegalArgumentException {

    public InvalidValueException(String chineseMessage) {
        super(chineseMessage);
    }
}
